// Reply shapes shared by the hash, list, set and sorted-set definitions. Pairs
// arrive in three forms: RESP3 maps, RESP3 arrays of two-element arrays
// (ZRANGE … WITHSCORES, HRANDFIELD … WITHVALUES), and RESP2 flat arrays.
// Scores arrive as RESP3 doubles or RESP2 bulk strings ("inf" included).
import type { GlideString, RespValue } from "@petrel/protocol";
import { toEntries, toList } from "../replies/collections.js";
import type { HashDataType, SortedSetDataType } from "../replies/glide-types.js";
import { toFloat, toGlideString, toText } from "../replies/scalars.js";
import { type ParseSite, unexpectedReply } from "../replies/unexpected.js";

/** Pairs from a map, an array of two-element arrays, or a flat array. */
export const toPairs = (reply: RespValue, command?: ParseSite): [RespValue, RespValue][] => {
  if (Array.isArray(reply) && reply.length > 0 && Array.isArray(reply[0])) {
    return (reply as RespValue[]).map((pair) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw unexpectedReply(pair, "a two-element array", command);
      }
      return [pair[0] as RespValue, pair[1] as RespValue];
    });
  }
  return toEntries(reply, command);
};

/** Members and scores, in the server's order (ZRANGE … WITHSCORES, ZPOPMIN…). */
export const toSortedSetData = (reply: RespValue, command?: ParseSite): SortedSetDataType =>
  toPairs(reply, command).map(([element, score]) => ({
    element: toGlideString(element, command),
    score: toFloat(score, command),
  }));

/** Fields and values (HGETALL). */
export const toHashData = (reply: RespValue, command?: ParseSite): HashDataType =>
  toPairs(reply, command).map(([field, value]) => ({
    field: toGlideString(field, command),
    value: toGlideString(value, command),
  }));

/** A list of strings (LRANGE, HKEYS…): each element a string or Buffer. */
export const toGlideStrings = (reply: RespValue, command?: ParseSite): GlideString[] =>
  toList(reply, command).map((element) => toGlideString(element, command));

/** A list of strings or nils (HMGET, HGETEX). */
export const toNullableGlideStrings = (
  reply: RespValue,
  command?: ParseSite,
): (GlideString | null)[] =>
  toList(reply, command).map((element) =>
    element === null ? null : toGlideString(element, command),
  );

/** A two-element array reply: [cursor, elements] of the SCAN family. */
const scanParts = (reply: RespValue, command?: ParseSite): [RespValue, GlideString[]] => {
  const parts = toList(reply, command);
  if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) {
    throw unexpectedReply(reply, "a [cursor, elements] array", command);
  }
  return [parts[0], toGlideStrings(parts[1], command)];
};

/** HSCAN / ZSCAN: GLIDE gives the cursor as text whatever the decoder. */
export const toTextCursorScan = (
  reply: RespValue,
  command?: ParseSite,
): [string, GlideString[]] => {
  const [cursor, elements] = scanParts(reply, command);
  return [toText(cursor, command), elements];
};

/** SSCAN: GLIDE gives the cursor decoded like the elements. */
export const toGlideCursorScan = (
  reply: RespValue,
  command?: ParseSite,
): [GlideString, GlideString[]] => {
  const [cursor, elements] = scanParts(reply, command);
  return [toGlideString(cursor, command), elements];
};
