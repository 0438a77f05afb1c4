import type { RequestError } from "./errors.js";

/** A string or binary value, as GLIDE names it. */
export type GlideString = string | Buffer;

/** One argument of a command on the wire. Numbers are written in decimal. */
export type CommandArg = string | Buffer | number;

/** A RESP map, decoded as GLIDE returns maps: an ordered list of entries. */
export type RespMap = { key: RespValue; value: RespValue }[];

/**
 * A decoded reply, before any per-command shaping:
 * - simple string: `string`; bulk and verbatim strings: `string` or `Buffer` by the decoder mode
 *   (a verbatim string loses its `txt:` prefix);
 * - integer: `number`, or `bigint` beyond Number.MAX_SAFE_INTEGER; big number: `bigint`;
 * - double: `number`; boolean: `boolean`; null (all three forms): `null`;
 * - array: `RespValue[]`; map: `RespMap`; set: `Set<RespValue>`;
 * - simple and bulk error: a `RequestError` carrying the server's text as its message.
 */
export type RespValue =
  | string
  | Buffer
  | number
  | bigint
  | boolean
  | null
  | RequestError
  | RespValue[]
  | RespMap
  | Set<RespValue>;
