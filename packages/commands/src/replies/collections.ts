// Parsers for aggregate replies. RESP3 sends maps and sets; RESP2 sends both
// as arrays (maps flattened to key, value, key, value…). These give one shape.
import type { GlideString, RespMap, RespValue } from "@petrel/protocol";
import type { GlideRecord } from "./glide-types.js";
import type { ParseSite } from "./unexpected.js";
import { unexpectedReply } from "./unexpected.js";

/** Maps one element of an aggregate reply. */
export type ElementParser<T> = (element: RespValue, command?: ParseSite) => T;

const isEntry = (value: unknown): value is { key: RespValue; value: RespValue } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !Buffer.isBuffer(value) &&
  !(value instanceof Set) &&
  !(value instanceof Error) &&
  "key" in value &&
  "value" in value;

/** Whether a decoded reply is a RESP3 map (a list of entries). An empty array counts as both. */
export const isRespMap = (reply: RespValue): reply is RespMap =>
  Array.isArray(reply) && reply.every(isEntry);

/** The entries of a RESP3 map or a RESP2 flat key/value array, as pairs. */
export const toEntries = (
  reply: RespValue,
  command?: ParseSite,
): [key: RespValue, value: RespValue][] => {
  if (!Array.isArray(reply)) throw unexpectedReply(reply, "a map", command);
  if (reply.length > 0 && isEntry(reply[0])) {
    return (reply as RespMap).map(({ key, value }) => [key, value]);
  }
  if (reply.length % 2 !== 0) {
    throw unexpectedReply(reply, "a map (even-length array)", command);
  }
  const flat = reply as RespValue[];
  const pairs: [RespValue, RespValue][] = [];
  for (let i = 0; i < flat.length; i += 2)
    pairs.push([flat[i] as RespValue, flat[i + 1] as RespValue]);
  return pairs;
};

const toKey = (key: RespValue, command?: ParseSite): GlideString => {
  if (typeof key === "string" || Buffer.isBuffer(key)) return key;
  if (typeof key === "number" || typeof key === "bigint") return String(key);
  throw unexpectedReply(key, "a string map key", command);
};

/** A map (or RESP2 flat array) as a GlideRecord, values shaped by `value`. */
export const toGlideRecord = <T>(
  reply: RespValue,
  command?: ParseSite,
  value: ElementParser<T> = (element) => element as T,
): GlideRecord<T> =>
  toEntries(reply, command).map(([key, raw]) => ({
    key: toKey(key, command),
    value: value(raw, command),
  }));

/** A map as a plain object with string keys (GLIDE's `Record<string, T>` results, e.g. CONFIG GET). */
export const toStringRecord = <T>(
  reply: RespValue,
  command?: ParseSite,
  value: ElementParser<T> = (element) => element as T,
): Record<string, T> => {
  const record: Record<string, T> = {};
  for (const [key, raw] of toEntries(reply, command)) {
    record[toKey(key, command).toString()] = value(raw, command);
  }
  return record;
};

/** The elements of an array or set reply, as an array. */
export const toList = (reply: RespValue, command?: ParseSite): RespValue[] => {
  if (Array.isArray(reply)) return reply as RespValue[];
  if (reply instanceof Set) return [...reply];
  throw unexpectedReply(reply, "an array", command);
};

/** `N` replies, then any number more (a list's items beyond those it must have). */
export type AtLeast<N extends number, T extends RespValue[] = []> = T["length"] extends N
  ? [...T, ...(RespValue | undefined)[]]
  : AtLeast<N, [...T, RespValue]>;

/**
 * An array (or set) reply of at least `length` items, or an error saying it is not
 * `expected` ("a [cursor, keys] pair"): the checked form of destructuring `toList`.
 */
export const toTuple = <N extends 2 | 3 | 4>(
  reply: RespValue,
  command: ParseSite | undefined,
  length: N,
  expected: string,
): AtLeast<N> => {
  const list = toList(reply, command);
  if (list.length < length) throw unexpectedReply(reply, expected, command);
  return list as AtLeast<N>;
};

/** An array (or set) reply with each element shaped by `element`. */
/* @__NO_SIDE_EFFECTS__ */
export function toArrayOf<T>(
  element: ElementParser<T>,
): (reply: RespValue, command?: ParseSite) => T[] {
  return (reply, command) => toList(reply, command).map((item) => element(item, command));
}

/** A RESP3 set or RESP2 array as a JS Set (GLIDE's set replies). */
export const toSet = <T = GlideString>(reply: RespValue, command?: ParseSite): Set<T> => {
  if (reply instanceof Set) return reply as Set<T>;
  return new Set(toList(reply, command) as T[]);
};

/** Wraps a parser so that nil gives null. */
/* @__NO_SIDE_EFFECTS__ */
export function nullable<T>(
  parse: (reply: RespValue, command?: ParseSite) => T,
): (reply: RespValue, command?: ParseSite) => T | null {
  return (reply, command) => (reply === null ? null : parse(reply, command));
}
