// List commands, GLIDE's names and signatures. Blocking ones carry their block
// time (`blockMs`) so the client can wait past its request timeout.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { Command, DecoderOption } from "../command.js";
import type { InsertPosition, ListDirection, LPosOptions } from "../options/lists.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toList, toTuple } from "../replies/collections.js";
import { toGlideString, toNullableGlideString, toNumber, toOk } from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec, secondsToBlockMs } from "../spec.js";
import { type CountOption, countOf, decoderOf } from "./option-forms.js";
import { toGlideStrings } from "./pair-replies.js";

type PopResult = { key: GlideString; elements: GlideString[] } | null;

/** A list of strings, or nil (LPOP/RPOP with a count on a missing key). */
const toGlideStringsOrNull = (reply: RespValue, cmd?: ParseSite): GlideString[] | null =>
  reply === null ? null : toGlideStrings(reply, cmd);

const toKeyAndElement = (reply: RespValue, cmd?: ParseSite): [GlideString, GlideString] | null => {
  if (reply === null) return null;
  const [key, element] = toTuple(reply, cmd, 2, "a [key, element] array");
  return [toGlideString(key, cmd), toGlideString(element, cmd)];
};

const toPopResult = (reply: RespValue, cmd?: ParseSite): PopResult => {
  if (reply === null) return null;
  const [key, elements] = toTuple(reply, cmd, 2, "a [key, elements] array");
  return { key: toGlideString(key, cmd), elements: toGlideStrings(elements, cmd) };
};

const toPositions = (reply: RespValue, cmd?: ParseSite): number | number[] | null => {
  if (reply === null) return null;
  if (Array.isArray(reply)) return toList(reply, cmd).map((item) => toNumber(item, cmd));
  return toNumber(reply, cmd);
};
const LPOS = /* @__PURE__ */ defineSpec<number | number[] | null>("LPos", toPositions);
const BLMOVE = /* @__PURE__ */ defineSpec<GlideString | null>("BLMove", toNullableGlideString);
const BLPOP = /* @__PURE__ */ defineSpec<[GlideString, GlideString] | null>(
  "BLPop",
  toKeyAndElement,
);
const BRPOP = /* @__PURE__ */ defineSpec<[GlideString, GlideString] | null>(
  "BRPop",
  toKeyAndElement,
);
const LMPOP = /* @__PURE__ */ defineSpec<PopResult>("LMPop", toPopResult);
const BLMPOP = /* @__PURE__ */ defineSpec<PopResult>("BLMPop", toPopResult);

/** LPUSH: inserts `elements` at the head; resolves to the new length. */
export const lpush: (key: GlideString, elements: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("LPush", toNumber), 2, SPREAD_LAST);

/** LPUSHX: LPUSH only if the list exists. */
export const lpushx: (key: GlideString, elements: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number>("LPushX", toNumber),
    2,
    SPREAD_LAST,
  );

/** RPUSH: appends `elements`; resolves to the new length. */
export const rpush: (key: GlideString, elements: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("RPush", toNumber), 2, SPREAD_LAST);

/** RPUSHX: RPUSH only if the list exists. */
export const rpushx: (key: GlideString, elements: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<number>("RPushX", toNumber),
    2,
    SPREAD_LAST,
  );

/** LPOP: the first element, or null when the list is missing. */
export const lpop: (key: GlideString, options?: DecoderOption) => Command<GlideString | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString | null>("LPop", toNullableGlideString),
    1,
    DECODED,
  );

/** LPOP key count: up to `count` elements from the head, or null when the list is missing. */
export const lpopCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<GlideString[] | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[] | null>("LPop", toGlideStringsOrNull),
  2,
  DECODED,
);

/** RPOP: the last element, or null when the list is missing. */
export const rpop: (key: GlideString, options?: DecoderOption) => Command<GlideString | null> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString | null>("RPop", toNullableGlideString),
    1,
    DECODED,
  );

/** RPOP key count: up to `count` elements from the tail, or null when the list is missing. */
export const rpopCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<GlideString[] | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[] | null>("RPop", toGlideStringsOrNull),
  2,
  DECODED,
);

/** LLEN. */
export const llen: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("LLen", toNumber),
  1,
);

/** LRANGE: elements from `start` to `end`, both inclusive (negative counts from the tail). */
export const lrange: (
  key: GlideString,
  start: number,
  end: number,
  options?: DecoderOption,
) => Command<GlideString[]> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[]>("LRange", toGlideStrings),
  3,
  DECODED,
);

/** LINDEX: the element at `index`, or null when out of range. */
export const lindex: (
  key: GlideString,
  index: number,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("LIndex", toNullableGlideString),
  2,
  DECODED,
);

/** LSET. */
export const lset: (key: GlideString, index: number, element: GlideString) => Command<"OK"> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<"OK">("LSet", toOk), 3);

/** LTRIM: keeps only the elements from `start` to `end`. */
export const ltrim: (key: GlideString, start: number, end: number) => Command<"OK"> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<"OK">("LTrim", toOk), 3);

/** LREM: removes `count` occurrences of `element` (0 = all, negative = from the tail). */
export const lrem: (key: GlideString, count: number, element: GlideString) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("LRem", toNumber), 3);

/** LINSERT: resolves to the new length, -1 when the pivot is missing, 0 when the list is. */
export const linsert: (
  key: GlideString,
  position: InsertPosition,
  pivot: GlideString,
  element: GlideString,
) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("LInsert", toNumber),
  4,
);

/** LPOS: an index, a list of indices (with `count`), or null. */
export const lpos = (
  key: GlideString,
  element: GlideString,
  options?: LPosOptions,
): Command<number | number[] | null> => {
  const args: (GlideString | number)[] = ["LPOS", key, element];
  if (options?.rank !== undefined) args.push("RANK", options.rank);
  if (options?.count !== undefined) args.push("COUNT", options.count);
  if (options?.maxLength !== undefined) args.push("MAXLEN", options.maxLength);
  return command(LPOS, args);
};

/** LMOVE: pops from one end of `source`, pushes to one end of `destination`. */
export const lmove: (
  source: GlideString,
  destination: GlideString,
  whereFrom: ListDirection,
  whereTo: ListDirection,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("LMove", toNullableGlideString),
  4,
  DECODED,
);

/** BLMOVE: LMOVE that waits up to `timeout` seconds (0 = forever) for an element. */
export const blmove = (
  source: GlideString,
  destination: GlideString,
  whereFrom: ListDirection,
  whereTo: ListDirection,
  timeout: number,
  options?: DecoderOption,
): Command<GlideString | null> =>
  command(BLMOVE, ["BLMOVE", source, destination, whereFrom, whereTo, timeout], options?.decoder, {
    blockMs: secondsToBlockMs(timeout),
  });

/** BLPOP: [key, element] from the first non-empty list, or null after `timeout` seconds. */
export const blpop = (
  keys: GlideString[],
  timeout: number,
  options?: DecoderOption,
): Command<[GlideString, GlideString] | null> =>
  command(BLPOP, ["BLPOP", ...keys, timeout], options?.decoder, {
    blockMs: secondsToBlockMs(timeout),
  });

/** BRPOP: [key, element] from the first non-empty list, or null after `timeout` seconds. */
export const brpop = (
  keys: GlideString[],
  timeout: number,
  options?: DecoderOption,
): Command<[GlideString, GlideString] | null> =>
  command(BRPOP, ["BRPOP", ...keys, timeout], options?.decoder, {
    blockMs: secondsToBlockMs(timeout),
  });

/** LMPOP: `{ key, elements }` from the first non-empty list, or null. */
export const lmpop = (
  keys: GlideString[],
  direction: ListDirection,
  options?: CountOption,
): Command<PopResult> => {
  const args: (GlideString | number)[] = ["LMPOP", keys.length, ...keys, direction];
  const count = countOf(options);
  if (count !== undefined) args.push("COUNT", count);
  return command(LMPOP, args, decoderOf(options));
};

/** BLMPOP: LMPOP that waits up to `timeout` seconds (0 = forever). */
export const blmpop = (
  keys: GlideString[],
  direction: ListDirection,
  timeout: number,
  options?: CountOption,
): Command<PopResult> => {
  const args: (GlideString | number)[] = ["BLMPOP", timeout, keys.length, ...keys, direction];
  const count = countOf(options);
  if (count !== undefined) args.push("COUNT", count);
  return command(BLMPOP, args, decoderOf(options), { blockMs: secondsToBlockMs(timeout) });
};

/** The list methods of GlideClient, GlideClusterClient and both batch classes. */
export const listCommands = {
  lpush,
  lpushx,
  rpush,
  rpushx,
  lpop,
  lpopCount,
  rpop,
  rpopCount,
  llen,
  lrange,
  lindex,
  lset,
  ltrim,
  lrem,
  linsert,
  lpos,
  lmove,
  blmove,
  blpop,
  brpop,
  lmpop,
  blmpop,
};
