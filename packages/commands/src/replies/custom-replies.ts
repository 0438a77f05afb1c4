// customCommand's replies in GLIDE's shapes. GLIDE's core converts the reply of
// a command it recognises by name (its "expected type" per command, in
// glide-core's value conversion), whichever way it was sent: a RESP2 array
// becomes the map RESP3 sends, scores become numbers, 0/1 become booleans. Its
// Node layer then gives RESP3 sets as arrays. Petrel applies the same rules so
// `customCommand(["HELLO"])` has one shape on both protocols.
import type { RespMap, RespValue } from "@petrel/protocol";
import { isRespMap, toList } from "./collections.js";
import { moduleSearchShape, moduleShapes } from "./custom-replies-modules.js";
import {
  arrayOfMaps,
  arrayOfPairs,
  asDouble,
  asMap,
  functionList,
  functionStats,
  geoSearch,
  lolwut,
  memoryStats,
  onArray,
  type Shape,
  streamEntries,
  xautoclaim,
  xinfoStreamFull,
} from "./custom-replies-nested.js";
import { toBoolean } from "./scalars.js";

const asBoolean = (reply: RespValue): RespValue => (reply === null ? null : toBoolean(reply));

const each =
  (shape: Shape): Shape =>
  (reply) =>
    Array.isArray(reply) ? (reply as RespValue[]).map(shape) : reply;

/** `[a, b]` pairs from a RESP2 flat list or from RESP3 pairs already. */
const pairsOf = (reply: RespValue[]): RespValue[][] => {
  if (reply.every((item) => Array.isArray(item) && !isRespMap(item))) return reply as RespValue[][];
  const pairs: RespValue[][] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i], reply[i + 1]] as RespValue[]);
  return pairs;
};

/** Member → score as a map with numeric scores (ZRANGE … WITHSCORES, ZPOPMIN). */
const memberScores = onArray((reply) => {
  // ZPOPMIN without a count in RESP3 is one flat [member, score].
  return pairsOf(reply as RespValue[]).map(([key, score]) => ({
    key: key as RespValue,
    value: asDouble(score as RespValue),
  }));
});

/** [member, score] pairs with numeric scores (ZRANDMEMBER … WITHSCORES). */
const memberScorePairs = onArray((reply) => {
  return pairsOf(reply as RespValue[]).map(([member, score]) => [
    member as RespValue,
    asDouble(score as RespValue),
  ]);
});

/** Streams as a map of key → entries (XREAD, XREADGROUP). */
const streams = onArray((reply: RespValue) => {
  const pairs = isRespMap(reply)
    ? reply.map(({ key, value }) => [key, value] as const)
    : (reply as RespValue[]).map((item) => toList(item) as [RespValue, RespValue]);
  return pairs.map(([key, entries]) => ({ key, value: streamEntries(entries) }));
});

/** [key, popped] replies: LMPOP gives { key: elements }, ZMPOP [key, member → score]. */
const keyAndElements = onArray((reply) => {
  const [key, elements] = reply as RespValue[];
  return [{ key: key ?? null, value: elements ?? null }];
});

const keyAndScores = onArray((reply) => {
  const [key, scores] = reply as RespValue[];
  return [key ?? null, memberScores(scores ?? null)];
});

/** BZPOPMIN/BZPOPMAX: [key, member, score] with a numeric score. */
const keyMemberScore = onArray((reply) => {
  const [key, member, score] = reply as RespValue[];
  return [key ?? null, member ?? null, asDouble(score ?? null)];
});

/** ZRANK … WITHSCORE: [rank, score] with a numeric score. */
const rankAndScore = onArray((reply) => {
  const [rank, score] = reply as RespValue[];
  return [rank ?? null, asDouble(score ?? null)];
});

const byName: Readonly<Record<string, Shape>> = {
  HGETALL: asMap,
  HELLO: asMap,
  "CONFIG GET": asMap,
  "PUBSUB NUMSUB": asMap,
  "PUBSUB SHARDNUMSUB": asMap,
  "FT.CONFIG GET": asMap,
  "FT._ALIASLIST": asMap,
  "XINFO GROUPS": /* @__PURE__ */ arrayOfMaps(),
  "XINFO CONSUMERS": /* @__PURE__ */ arrayOfMaps(),
  "CLIENT TRACKINGINFO": asMap,
  "MEMORY STATS": memoryStats,
  "FUNCTION LIST": functionList,
  "FUNCTION STATS": functionStats,
  LOLWUT: lolwut,
  XRANGE: streamEntries,
  XREVRANGE: streamEntries,
  XREAD: streams,
  XREADGROUP: streams,
  INCRBYFLOAT: asDouble,
  HINCRBYFLOAT: asDouble,
  ZINCRBY: asDouble,
  ZSCORE: asDouble,
  GEODIST: asDouble,
  ZMSCORE: /* @__PURE__ */ each(asDouble),
  GEOPOS: /* @__PURE__ */ each(/* @__PURE__ */ each(asDouble)),
  SMISMEMBER: /* @__PURE__ */ each(asBoolean),
  "SCRIPT EXISTS": /* @__PURE__ */ each(asBoolean),
  ZPOPMIN: memberScores,
  ZPOPMAX: memberScores,
  ZMPOP: keyAndScores,
  BZMPOP: keyAndScores,
  LMPOP: keyAndElements,
  BLMPOP: keyAndElements,
  BZPOPMIN: keyMemberScore,
  BZPOPMAX: keyMemberScore,
  ...moduleShapes,
};
for (const name of [
  "HEXISTS",
  "HSETNX",
  "EXPIRE",
  "EXPIREAT",
  "PEXPIRE",
  "PEXPIREAT",
  "SISMEMBER",
  "PERSIST",
  "SMOVE",
  "PFADD",
  "RENAMENX",
  "MOVE",
  "COPY",
  "MSETNX",
  "XGROUP DESTROY",
  "XGROUP CREATECONSUMER",
]) {
  (byName as Record<string, Shape>)[name] = asBoolean;
}

/** Shapes that depend on an option word in the arguments. */
const byOption: Readonly<Record<string, readonly [option: string, shape: Shape]>> = {
  HRANDFIELD: ["WITHVALUES", arrayOfPairs],
  ZRANDMEMBER: ["WITHSCORES", memberScorePairs],
  ZADD: ["INCR", asDouble],
  ZRANGE: ["WITHSCORES", memberScores],
  ZDIFF: ["WITHSCORES", memberScores],
  ZUNION: ["WITHSCORES", memberScores],
  ZINTER: ["WITHSCORES", memberScores],
  ZRANK: ["WITHSCORE", rankAndScore],
  ZREVRANK: ["WITHSCORE", rankAndScore],
  LCS: ["IDX", asMap],
};

const upper = (arg: unknown): string =>
  (Buffer.isBuffer(arg) ? arg.toString("latin1") : String(arg)).toUpperCase();

/** RESP3 sets as arrays, at any depth: GLIDE's Node layer hands sets over as arrays. */
const setsAsArrays = (reply: RespValue): RespValue => {
  if (reply instanceof Set) return [...reply].map(setsAsArrays);
  if (!Array.isArray(reply)) return reply;
  let copy: RespValue[] | undefined;
  for (let i = 0; i < reply.length; i++) {
    const item = reply[i] as RespValue | RespMap[number];
    if (typeof item === "object" && item !== null && !Array.isArray(item) && "key" in item) {
      const key = setsAsArrays(item.key);
      const value = setsAsArrays(item.value);
      if (key !== item.key || value !== item.value) {
        copy ??= [...(reply as RespValue[])];
        (copy as unknown[])[i] = { key, value };
      }
      continue;
    }
    const shaped = setsAsArrays(item as RespValue);
    if (shaped !== item) {
      copy ??= [...(reply as RespValue[])];
      copy[i] = shaped;
    }
  }
  return copy ?? reply;
};

/**
 * Commands whose replies GLIDE also converts node by node when a route sends them to
 * several nodes; for any other command, GLIDE's conversion meets the map of nodes and
 * leaves each node's reply as the server sent it.
 */
const perNodeConverted = /* @__PURE__ */ new Set([
  "CONFIG GET",
  "CLIENT TRACKINGINFO",
  "LOLWUT",
  "FUNCTION LIST",
  "FUNCTION STATS",
  "MEMORY STATS",
  "XINFO GROUPS",
  "XINFO CONSUMERS",
]);

/**
 * The shape GLIDE gives `customCommand(args)`'s reply: one node's reply, or (`multiNode`)
 * one of the replies of a call routed to all primaries or all nodes.
 */
export const glideCustomReply = (
  reply: RespValue,
  args: readonly unknown[],
  multiNode = false,
): RespValue => {
  if (reply instanceof Error) return reply;
  const value = setsAsArrays(reply);
  const name = upper(args[0]);
  const sub = args.length > 1 ? `${name} ${upper(args[1])}` : name;
  if (multiNode && !perNodeConverted.has(sub) && !perNodeConverted.has(name)) return value;
  const shape = byName[sub] ?? byName[name];
  if (shape !== undefined) return shape(value);
  const has = (word: string) => args.some((arg) => upper(arg) === word);
  if (sub === "XINFO STREAM") return has("FULL") ? xinfoStreamFull(value) : asMap(value);
  if (name === "XCLAIM") return has("JUSTID") ? value : streamEntries(value);
  if (name === "XAUTOCLAIM") return has("JUSTID") ? value : xautoclaim(value);
  if (name === "GEOSEARCH")
    return has("WITHDIST") || has("WITHHASH") || has("WITHCOORD") ? geoSearch(value) : value;
  if (name === "FT.SEARCH" || name === "FT.PROFILE")
    return moduleSearchShape(name, has, args.length > 2 ? String(args[2]) : "", value);
  const optional = byOption[name];
  if (optional !== undefined && has(optional[0])) return optional[1](value);
  return value;
};
