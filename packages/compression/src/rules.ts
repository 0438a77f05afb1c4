// GLIDE's command rules while compression is on (its Rust core's request types,
// checked against GLIDE 2.5.2): which arguments are values to compress, which
// replies are values to expand, and which commands are refused, with GLIDE's
// reasons word for word.

/** Where a command's values are, in the full argument list (index 0 is the name). */
export type ValuePositions = { readonly first: number; readonly step: number };

export const COMPRESSED_VALUES: ReadonlyMap<string, ValuePositions> = new Map([
  ["SET", { first: 2, step: 0 }],
  ["SETNX", { first: 2, step: 0 }],
  ["SETEX", { first: 3, step: 0 }],
  ["PSETEX", { first: 3, step: 0 }],
  ["MSET", { first: 2, step: 2 }],
  ["MSETNX", { first: 2, step: 2 }],
]);

/**
 * Commands whose reply (a value, or a list of values for MGET) is expanded. SET is
 * here because GLIDE 2.5.2 expands the old value SET … GET returns.
 */
export const DECOMPRESSED_REPLIES: ReadonlySet<string> = new Set([
  "GET",
  "MGET",
  "GETEX",
  "GETDEL",
  "GETSET",
  "SET",
]);

/** Commands that would read or change compressed bytes as if they were the value. */
export const REFUSED: ReadonlyMap<string, string> = new Map([
  ["APPEND", "APPEND modifies string data on the server, which would corrupt compressed values"],
  [
    "GETRANGE",
    "GETRANGE returns a substring of the raw bytes, which would return compressed data instead of the original value",
  ],
  [
    "SETRANGE",
    "SETRANGE modifies bytes at a specific offset, which would corrupt compressed values",
  ],
  [
    "STRLEN",
    "STRLEN returns the length of the raw bytes, which would return the compressed size instead of the original size",
  ],
  [
    "LCS",
    "LCS compares raw bytes between strings, which would compare compressed data instead of original values",
  ],
  [
    "SUBSTR",
    "SUBSTR (deprecated alias for GETRANGE) returns a substring of raw bytes, which would return compressed data",
  ],
  ["INCR", "INCR expects a numeric string value, but would receive compressed bytes"],
  ["INCRBY", "INCRBY expects a numeric string value, but would receive compressed bytes"],
  ["INCRBYFLOAT", "INCRBYFLOAT expects a numeric string value, but would receive compressed bytes"],
  ["DECR", "DECR expects a numeric string value, but would receive compressed bytes"],
  ["DECRBY", "DECRBY expects a numeric string value, but would receive compressed bytes"],
  [
    "GETBIT",
    "GETBIT reads bits from raw bytes, which would read from compressed data instead of original value",
  ],
  ["SETBIT", "SETBIT modifies bits in raw bytes, which would corrupt compressed values"],
  [
    "BITCOUNT",
    "BITCOUNT counts bits in raw bytes, which would count bits in compressed data instead of original value",
  ],
  [
    "BITPOS",
    "BITPOS finds bit positions in raw bytes, which would search in compressed data instead of original value",
  ],
  [
    "BITFIELD",
    "BITFIELD performs bit operations on raw bytes, which would operate on compressed data",
  ],
  [
    "BITFIELD_RO",
    "BITFIELD_RO reads bits from raw bytes, which would read from compressed data instead of original value",
  ],
  [
    "BITOP",
    "BITOP performs bitwise operations between strings, which would operate on compressed data",
  ],
]);

/** GLIDE's refusal text for `name`, or undefined when the command is allowed. */
export function refusalMessage(name: string): string | undefined {
  const reason = REFUSED.get(name);
  return reason === undefined
    ? undefined
    : `Command '${name}' is incompatible with compression: ${reason}`;
}
