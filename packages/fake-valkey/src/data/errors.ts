// The server's exact error strings (Redis 7.0 / Valkey), in one place, and the
// exception data commands throw to answer with one of them.

export const Errors = {
  wrongType: "WRONGTYPE Operation against a key holding the wrong kind of value",
  syntax: "ERR syntax error",
  notInteger: "ERR value is not an integer or out of range",
  notFloat: "ERR value is not a valid float",
  overflow: "ERR increment or decrement would overflow",
  nanOrInfinity: "ERR increment would produce NaN or Infinity",
  noSuchKey: "ERR no such key",
  indexOutOfRange: "ERR index out of range",
  offsetOutOfRange: "ERR offset is out of range",
  hashNotInteger: "ERR hash value is not an integer",
  hashNotFloat: "ERR hash value is not a float",
  minMaxNotFloat: "ERR min or max is not a float",
  minMaxNotLex: "ERR min or max not valid string range item",
  mustBePositive: "ERR value is out of range, must be positive",
  outOfRange: "ERR value is out of range",
  zaddNxXx: "ERR XX and NX options at the same time are not compatible",
  zaddGtLtNx: "ERR GT, LT, and/or NX options at the same time are not compatible",
  zaddIncrPair: "ERR INCR option supports a single increment-element pair",
  scoreNaN: "ERR resulting score is not a number (NaN)",
  weightNotFloat: "ERR weight value is not a float",
  stringTooLong: "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
  sameObject: "ERR source and destination objects are the same",
  numkeysPositive: "ERR numkeys should be greater than 0",
  numkeysTooMany: "ERR Number of keys can't be greater than number of args",
  timeoutNotFloat: "ERR timeout is not a float or out of range",
  timeoutNegative: "ERR timeout is negative",
  timeoutOutOfRange: "ERR timeout is out of range",
  /** getRangeLongFromObjectOrReply over (-LONG_MAX, LONG_MAX): LLONG_MIN alone is refused. */
  notLongRange:
    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
  invalidCursor: "ERR invalid cursor",
  countPositive: "ERR count should be greater than 0",
  expireFlagsNxXx: "ERR NX and XX, GT or LT options at the same time are not compatible",
  expireFlagsGtLt: "ERR GT and LT options at the same time are not compatible",
  dbIndexOutOfRange: "ERR DB index is out of range",
  lposRankZero:
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
  lposCountNegative: "ERR COUNT can't be negative",
  lposMaxlenNegative: "ERR MAXLEN can't be negative",
  zrangeLimit:
    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
  zrangeLexScores: "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
  lcsNotString: "ERR The specified keys must contain string values",
  lfuNotSelected:
    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
  decrementOverflow: "ERR decrement would overflow",
  valueNanOrInfinity: "ERR value is NaN or Infinity",
  limitNegative: "ERR LIMIT can't be negative",
  lcsLenAndIdx: "ERR If you want both the length and indexes, please just use IDX.",
  lcsTooLarge: "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
  bitOffset: "ERR bit offset is not an integer or out of range",
  bitValue: "ERR bit is not an integer or out of range",
  bitArgument: "ERR The bit argument must be 1 or 0.",
  bitopNot: "ERR BITOP NOT must be called with a single source key.",
  bitfieldType:
    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.",
  bitfieldOverflow: "ERR Invalid OVERFLOW type specified",
  bitfieldReadOnly: "ERR BITFIELD_RO only supports the GET subcommand",
  sortNotDouble: "ERR One or more scores can't be converted into double",
  notHyperLogLog: "WRONGTYPE Key is not a valid HyperLogLog string value.",
  wrongArity: (command: string): string => `ERR wrong number of arguments for '${command}' command`,
  invalidExpire: (command: string): string => `ERR invalid expire time in '${command}' command`,
  unsupportedOption: (option: string): string => `ERR Unsupported option ${option}`,
  atLeastOneKey: (command: string): string =>
    `ERR at least 1 input key is needed for '${command}' command`,
  unknownSubcommand: (sub: string, command: string): string =>
    `ERR unknown subcommand '${sub}'. Try ${command.toUpperCase()} HELP.`,
} as const;

/** Thrown inside a data command; the dispatcher turns it into an error reply. */
export class DataError extends Error {}

export function fail(message: string): never {
  throw new DataError(message);
}
