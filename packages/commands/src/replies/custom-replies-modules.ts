// customCommand conversions GLIDE's core applies to the search and JSON modules' replies
// (FT.SEARCH, FT.AGGREGATE, FT.PROFILE, FT.INFO, JSON.TOGGLE), so a module's reply has
// GLIDE's shape through customCommand as through GlideFt/GlideJson.
import type { RespMap, RespValue } from "@petrel/protocol";
import { asDouble, asMap, mapOf, onArray, type Shape } from "./custom-replies-nested.js";
import { toBoolean } from "./scalars.js";

const isText = (value: RespValue | undefined): boolean =>
  typeof value === "string" || Buffer.isBuffer(value);

/** FT.SEARCH: [count, { key: { field: value } }]; NOCONTENT keys map to empty maps. */
const ftSearch = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || reply.length === 1) return reply;
  const [count, ...rest] = reply as RespValue[];
  if (rest.every(isText))
    return [count ?? null, rest.map((key): RespMap[number] => ({ key, value: [] }))];
  return [count ?? null, mapOf(asMap)(rest)];
};

/** FT.SEARCH … WITHSORTKEYS: [count, { key: [sort key, { field: value }] }]. */
const ftSearchWithSortKeys = (reply: RespValue): RespValue => {
  if (!Array.isArray(reply) || reply.length === 1) return reply;
  const [count, ...rest] = reply as RespValue[];
  const step = rest.some(Array.isArray) ? 3 : 2;
  const entries: RespMap = [];
  for (let i = 0; i + step - 1 < rest.length; i += step) {
    const fields = step === 3 ? asMap(rest[i + 2] ?? null) : [];
    entries.push({ key: rest[i] ?? null, value: [rest[i + 1] ?? null, fields] });
  }
  return [count ?? null, entries];
};

/** FT.AGGREGATE: the rows as maps, the leading count dropped. */
const ftAggregate = onArray((reply) => {
  return (reply as RespValue[]).slice(1).map(asMap);
});

/** FT.INFO: a map whose fields, and their vector parameters, are maps too. */
const ftInfo = onArray((reply) => {
  return (asMap(reply) as RespMap).map(({ key, value }) => ({
    key,
    value:
      String(key) === "fields" && Array.isArray(value)
        ? (value as RespValue[]).map((field) =>
            (asMap(field) as RespMap).map((param) => ({
              key: param.key,
              value: String(param.key) === "vector_params" ? asMap(param.value) : param.value,
            })),
          )
        : value,
  }));
});

/** JSON.TOGGLE: booleans, one per path (nil where the path is not a boolean). */
const jsonToggle = (reply: RespValue): RespValue => {
  if (Array.isArray(reply))
    return (reply as RespValue[]).map((item) => (item === null ? null : toBoolean(item)));
  const text = isText(reply) ? String(reply) : undefined;
  return text === "true" ? true : text === "false" ? false : reply;
};

export const moduleShapes: Readonly<Record<string, Shape>> = {
  "FT.AGGREGATE": ftAggregate,
  "FT.INFO": ftInfo,
  "JSON.TOGGLE": jsonToggle,
};

/**
 * FT.SEARCH and FT.PROFILE, whose shape depends on their arguments: WITHSORTKEYS, and
 * FT.PROFILE's query kind (its third argument, SEARCH or AGGREGATE).
 */
export const moduleSearchShape = (
  name: "FT.SEARCH" | "FT.PROFILE",
  has: (word: string) => boolean,
  queryKind: string,
  reply: RespValue,
): RespValue => {
  const search = has("WITHSORTKEYS") ? ftSearchWithSortKeys : ftSearch;
  if (name === "FT.SEARCH") return search(reply);
  if (!Array.isArray(reply) || reply.length !== 2) return reply;
  const [result, profile] = reply as RespValue[];
  const query = queryKind === "SEARCH" ? search : ftAggregate;
  return [query(result ?? null), mapOf(asDouble)(profile ?? null)];
};
