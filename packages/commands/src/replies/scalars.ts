// Parsers for single-value replies. Each gives one result for RESP2 and RESP3:
// RESP2 sends booleans as 0/1 integers and doubles as bulk strings.
import type { GlideString, RespValue } from "@petrel/protocol";
import type { ParseSite } from "./unexpected.js";
import { unexpectedReply } from "./unexpected.js";

/** The reply unchanged: for replies whose decoded form already is GLIDE's shape. */
export const asIs = <T>(reply: RespValue): T => reply as T;

/** A status or bulk string, as text whatever the decoder ("OK", INFO, TYPE…). */
export const toText = (reply: RespValue, command?: ParseSite): string => {
  if (typeof reply === "string") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  throw unexpectedReply(reply, "a string", command);
};

/** GLIDE's `"OK"` results. */
export const toOk = (reply: RespValue, command?: ParseSite): "OK" => {
  const text = toText(reply, command);
  if (text !== "OK") throw unexpectedReply(reply, '"OK"', command);
  return "OK";
};

/** A string or Buffer (per decoder), never null. */
export const toGlideString = (reply: RespValue, command?: ParseSite): GlideString => {
  if (typeof reply === "string" || Buffer.isBuffer(reply)) return reply;
  throw unexpectedReply(reply, "a string", command);
};

/** A string or Buffer, or null for nil. */
export const toNullableGlideString = (reply: RespValue, command?: ParseSite): GlideString | null =>
  reply === null ? null : toGlideString(reply, command);

/** An integer reply as a number (GLIDE's `number` results). */
export const toNumber = (reply: RespValue, command?: ParseSite): number => {
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") return Number(reply);
  if (typeof reply === "string" || Buffer.isBuffer(reply)) {
    const parsed = Number(reply.toString());
    if (reply.length > 0 && !Number.isNaN(parsed)) return parsed;
  }
  throw unexpectedReply(reply, "an integer", command);
};

/** An integer reply, or null for nil. */
export const toNullableNumber = (reply: RespValue, command?: ParseSite): number | null =>
  reply === null ? null : toNumber(reply, command);

/** 1/0 (RESP2 and most RESP3 replies) or a RESP3 boolean, as a boolean. */
export const toBoolean = (reply: RespValue, command?: ParseSite): boolean => {
  if (typeof reply === "boolean") return reply;
  if (reply === 1 || reply === 0) return reply === 1;
  if (reply === 1n || reply === 0n) return reply === 1n;
  throw unexpectedReply(reply, "a 0/1 integer or a boolean", command);
};

const specialDoubles: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  "+inf": Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  "+infinity": Number.POSITIVE_INFINITY,
  "-inf": Number.NEGATIVE_INFINITY,
  "-infinity": Number.NEGATIVE_INFINITY,
  nan: Number.NaN,
  "-nan": Number.NaN,
};

/** A double: a RESP3 double, or the bulk string RESP2 sends ("3.14", "inf", "-nan"…). */
export const toFloat = (reply: RespValue, command?: ParseSite): number => {
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") return Number(reply);
  if (typeof reply === "string" || Buffer.isBuffer(reply)) {
    const text = reply.toString().trim().toLowerCase();
    const special = specialDoubles[text] ?? (text.startsWith("nan") ? Number.NaN : undefined);
    if (special !== undefined) return special;
    const parsed = Number(text);
    if (text.length > 0 && !Number.isNaN(parsed)) return parsed;
  }
  throw unexpectedReply(reply, "a double", command);
};

/** A double, or null for nil (ZSCORE of a missing member). */
export const toNullableFloat = (reply: RespValue, command?: ParseSite): number | null =>
  reply === null ? null : toFloat(reply, command);

/** An integer that may exceed 2^53, as GLIDE's `bigint`. */
export const toBigInt = (reply: RespValue, command?: ParseSite): bigint => {
  if (typeof reply === "bigint") return reply;
  if (typeof reply === "number" && Number.isInteger(reply)) return BigInt(reply);
  if (typeof reply === "string" || Buffer.isBuffer(reply)) {
    const text = reply.toString();
    if (/^[+-]?\d+$/.test(text)) return BigInt(text);
  }
  throw unexpectedReply(reply, "an integer", command);
};
