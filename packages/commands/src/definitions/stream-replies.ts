// Shapes shared by the stream commands' replies.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Boundary } from "../options/sorted-sets.js";
import { InfBoundary } from "../options/sorted-sets.js";
import type { StreamEntryDataType } from "../options/streams.js";
import { toList } from "../replies/collections.js";
import { toGlideString, toText } from "../replies/scalars.js";
import { type ParseSite, unexpectedReply } from "../replies/unexpected.js";

/** A stream id bound: `-`/`+`, an id, or `(id` for an exclusive bound. */
export const boundaryArg = (bound: Boundary<string>): string => {
  if (bound === InfBoundary.NegativeInfinity || bound === InfBoundary.PositiveInfinity) {
    return bound;
  }
  return bound.isInclusive === false ? `(${bound.value}` : bound.value;
};

/** [f1, v1, f2, v2…] (or null for a deleted entry) as [field, value] pairs. */
export const toFieldPairs = (
  reply: RespValue,
  site: ParseSite,
): [GlideString, GlideString][] | null => {
  if (reply === null) return null;
  const flat = toList(reply, site);
  if (flat.length % 2 !== 0) throw unexpectedReply(reply, "field/value pairs", site);
  const pairs: [GlideString, GlideString][] = [];
  for (let i = 0; i < flat.length; i += 2) {
    pairs.push([toGlideString(flat[i] ?? null, site), toGlideString(flat[i + 1] ?? null, site)]);
  }
  return pairs;
};

/** A list of [id, fields] entries as { id: [[field, value]…] }; deleted entries keep null fields. */
export const toStreamEntries = (
  reply: RespValue,
  site: ParseSite,
): Record<string, [GlideString, GlideString][] | null> => {
  const entries: Record<string, [GlideString, GlideString][] | null> = {};
  for (const entry of toList(reply, site)) {
    const [id, fields] = toList(entry, site);
    if (id === undefined) throw unexpectedReply(entry, "[id, fields]", site);
    entries[toText(id, site)] = toFieldPairs(fields ?? null, site);
  }
  return entries;
};

/** Entries where every entry has its fields (XRANGE, XCLAIM). */
export const toEntryData = (reply: RespValue, site: ParseSite): StreamEntryDataType => {
  const entries = toStreamEntries(reply, site);
  for (const [id, fields] of Object.entries(entries)) {
    if (fields === null) entries[id] = [];
  }
  return entries as StreamEntryDataType;
};
