// The nested customCommand conversions of GLIDE's core (its value conversion by
// command name), for replies whose RESP2 form differs from RESP3's below the top
// level, or that GLIDE reshapes on both protocols: FUNCTION LIST/STATS, LOLWUT,
// GEOSEARCH WITH…, XINFO STREAM FULL, XAUTOCLAIM, CLIENT TRACKINGINFO, MEMORY STATS.
import type { RespMap, RespValue } from "@petrel/protocol";
import { isRespMap } from "./collections.js";
import { toFloat } from "./scalars.js";

export type Shape = (reply: RespValue) => RespValue;

/** A shape for array replies; any other reply (null, a number) passes through as it is. */
export const onArray =
  (shape: (reply: RespValue[]) => RespValue): Shape =>
  (reply) =>
    Array.isArray(reply) ? shape(reply as RespValue[]) : reply;

const isEntryList = (reply: RespValue): reply is RespMap =>
  Array.isArray(reply) && reply.length > 0 && isRespMap(reply);

/**
 * GLIDE's array-to-map rule: a RESP3 map stays (its values shaped), a RESP2 array becomes
 * one, where an element that is itself a two-element array is one entry, a nil key is
 * skipped (XAUTOCLAIM's deleted ids), and any other element is a key followed by its value.
 */
export const mapOf =
  (value: Shape | undefined, key?: Shape): Shape =>
  (reply) => {
    if (reply === null || !Array.isArray(reply)) return reply;
    const entries: RespMap = [];
    const push = (k: RespValue, v: RespValue) =>
      entries.push({ key: key ? key(k) : k, value: value ? value(v) : v });
    if (isEntryList(reply)) {
      if (value === undefined && key === undefined) return reply;
      for (const entry of reply) push(entry.key, entry.value);
      return entries;
    }
    const items = reply as RespValue[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as RespValue;
      if (Array.isArray(item) && !isRespMap(item) && item.length === 2)
        push(item[0] as RespValue, item[1] as RespValue);
      else if (item !== null) push(item, items[++i] ?? null);
    }
    return entries;
  };

export const asMap: Shape = /* @__PURE__ */ mapOf(undefined);

export const asDouble = (reply: RespValue): RespValue => (reply === null ? null : toFloat(reply));

/** Field/value pairs from a RESP2 flat list; RESP3 pairs (or an empty list) as they are. */
export const arrayOfPairs = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || reply.length === 0 || Array.isArray(reply[0])) return reply;
  const pairs: RespValue[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i], reply[i + 1]] as RespValue);
  return pairs;
};

/** Maps in a list (XINFO GROUPS, FUNCTION LIST): RESP3's as they are, RESP2's flat lists converted. */
export const arrayOfMaps = (value?: Shape): Shape => {
  const one = mapOf(value);
  return (reply) => {
    if (!Array.isArray(reply)) return reply;
    if (reply.length === 0 || isEntryList(reply[0] as RespValue)) return reply;
    return (reply as RespValue[]).map(one);
  };
};

/** FUNCTION LIST: libraries, their functions, each a map (flags a set, given as an array). */
export const functionList: Shape = /* @__PURE__ */ arrayOfMaps(/* @__PURE__ */ arrayOfMaps());

/** FUNCTION STATS: { running_script: map | null, engines: { name: map } }. */
export const functionStats = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || reply.length !== 4 || isEntryList(reply)) return reply;
  const [runningKey, running, enginesKey, engines] = reply as RespValue[];
  return [
    { key: runningKey ?? null, value: asMap(running ?? null) },
    { key: enginesKey ?? null, value: mapOf(asMap)(engines ?? null) },
  ];
};

// LOLWUT's colour escapes around a space, as the shade characters GLIDE shows instead.
const LOLWUT_SHADES: readonly [string, string][] = [
  ["\u001b[0;97;107m \u001b[0m", "\u2591"],
  ["\u001b[0;37;47m \u001b[0m", "\u2592"],
  ["\u001b[0;90;100m \u001b[0m", "\u2593"],
  ["\u001b[0;30;40m \u001b[0m", " "],
];

/** LOLWUT's drawing with its terminal colour escapes replaced by shade characters. */
export const lolwut = (reply: RespValue): RespValue => {
  const text = Buffer.isBuffer(reply) ? reply.toString("utf8") : reply;
  if (typeof text !== "string" || !text.includes("\u001b[0m")) return reply;
  let shown = text;
  for (const [coloured, shade] of LOLWUT_SHADES) shown = shown.split(coloured).join(shade);
  return Buffer.isBuffer(reply) ? Buffer.from(shown, "utf8") : shown;
};

/** GEOSEARCH WITH…: [name, [dist, hash, [lon, lat]]] with numeric distance and coordinates. */
export const geoSearch = onArray((reply) => {
  return (reply as RespValue[]).map((item) => {
    if (!Array.isArray(item)) return item;
    const [name, ...rest] = item as RespValue[];
    const shaped = rest.map((part) =>
      Array.isArray(part)
        ? (part as RespValue[]).map(asDouble)
        : typeof part === "string" || Buffer.isBuffer(part)
          ? asDouble(part)
          : part,
    );
    return [name ?? null, shaped];
  });
});

/** Stream entries as a map of id → field/value pairs (XRANGE, XCLAIM, XAUTOCLAIM). */
export const streamEntries: Shape = /* @__PURE__ */ mapOf(arrayOfPairs);

/** XAUTOCLAIM: [next id, entries as a map, deleted ids]. */
export const xautoclaim = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || (reply.length !== 2 && reply.length !== 3)) return reply;
  const [next, entries, ...deleted] = reply as RespValue[];
  return [next ?? null, streamEntries(entries ?? null), ...deleted];
};

/** XINFO STREAM … FULL: the stream, its groups and their consumers as maps. */
export const xinfoStreamFull = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || isEntryList(reply)) return reply;
  return (asMap(reply) as RespMap).map(({ key, value }) => ({
    key,
    value: String(key) === "groups" ? groupsFull(value) : value,
  }));
};

const groupsFull = (groups: RespValue): RespValue => {
  if (!Array.isArray(groups)) return groups;
  return (groups as RespValue[]).map((group) =>
    (asMap(group) as RespMap).map(({ key, value }) => ({
      key,
      value:
        String(key) === "consumers" && Array.isArray(value)
          ? (value as RespValue[]).map(asMap)
          : value,
    })),
  );
};

/** MEMORY STATS: a map whose nested lists (db.N) are maps and whose RESP2 ratios are numbers. */
export const memoryStats = onArray((reply) => {
  return (asMap(reply) as RespMap).map(({ key, value }) => ({
    key,
    value: Array.isArray(value)
      ? asMap(value)
      : typeof value === "string" || Buffer.isBuffer(value)
        ? numberOr(value)
        : value,
  }));
});

const numberOr = (value: RespValue): RespValue => {
  const text = String(value).trim();
  const number = Number(text);
  return text === "" || Number.isNaN(number) ? value : number;
};
