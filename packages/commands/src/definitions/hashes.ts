// Hash commands, field expiry included, with GLIDE's names and signatures.
// Maps (RESP3) and flat arrays (RESP2) both become HashDataType lists.
import type { GlideString, RespValue } from "@petrel/protocol";
import { integerExpiry } from "../args.js";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import {
  convertFieldsAndValuesToHashDataType,
  type HExpireOptions,
  type HGetExOptions,
  type HScanOptions,
  type HSetExOptions,
} from "../options/hashes.js";
import { baseScanArgs } from "../options/scan.js";
import type { TimeUnit } from "../options/time-unit.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf } from "../replies/collections.js";
import type { HashDataType } from "../replies/glide-types.js";
import {
  toBoolean,
  toFloat,
  toGlideString,
  toNullableGlideString,
  toNumber,
} from "../replies/scalars.js";
import type { ParseSite } from "../replies/unexpected.js";
import { command, defineSpec } from "../spec.js";
import {
  toGlideStrings,
  toHashData,
  toNullableGlideStrings,
  toPairs,
  toTextCursorScan,
} from "./pair-replies.js";

type FieldsAndValues = HashDataType | Record<string, GlideString>;

const toFieldValuePairs = (reply: RespValue, cmd?: ParseSite): [GlideString, GlideString][] =>
  toPairs(reply, cmd).map(([field, value]) => [
    toGlideString(field, cmd),
    toGlideString(value, cmd),
  ]);

/** `f1 v1 f2 v2…` from a HashDataType list or a plain object, in order. */
const flattenFields = (fieldsAndValues: FieldsAndValues): GlideString[] =>
  convertFieldsAndValuesToHashDataType(fieldsAndValues).flatMap(({ field, value }) => [
    field,
    value,
  ]);

/** `EX 10`, `PXAT 1700000000000`, or a bare token (KEEPTTL / PERSIST); the count an integer, as GLIDE checks. */
const expiryArgs = (
  expiry: { type: TimeUnit; count: number } | string | undefined,
  command: "HSETEX" | "HGETEX",
): CommandArg[] => {
  if (expiry === undefined) return [];
  if (typeof expiry === "string") return [expiry];
  return [expiry.type, integerExpiry(expiry, expiry.count, `${command} received`)];
};

const toNumbers = /* @__PURE__ */ toArrayOf(toNumber);

const HSET = /* @__PURE__ */ defineSpec<number>("HSet", toNumber);
const HMGET = /* @__PURE__ */ defineSpec<(GlideString | null)[]>("HMGet", toNullableGlideStrings);
const HRANDFIELD_WITH_VALUES = /* @__PURE__ */ defineSpec<[GlideString, GlideString][]>(
  "HRandField",
  toFieldValuePairs,
);
const HSCAN = /* @__PURE__ */ defineSpec<[string, GlideString[]]>("HScan", toTextCursorScan);
const HSETEX = /* @__PURE__ */ defineSpec<number>("HSetEx", toNumber);
const HGETEX = /* @__PURE__ */ defineSpec<(GlideString | null)[]>("HGetEx", toNullableGlideStrings);
const HEXPIRE = /* @__PURE__ */ defineSpec<number[]>("HExpire", toNumbers);
const HPEXPIRE = /* @__PURE__ */ defineSpec<number[]>("HPExpire", toNumbers);
const HEXPIREAT = /* @__PURE__ */ defineSpec<number[]>("HExpireAt", toNumbers);
const HPEXPIREAT = /* @__PURE__ */ defineSpec<number[]>("HPExpireAt", toNumbers);
const HPERSIST = /* @__PURE__ */ defineSpec<number[]>("HPersist", toNumbers);
const HTTL = /* @__PURE__ */ defineSpec<number[]>("HTtl", toNumbers);
const HPTTL = /* @__PURE__ */ defineSpec<number[]>("HPTtl", toNumbers);
const HEXPIRETIME = /* @__PURE__ */ defineSpec<number[]>("HExpireTime", toNumbers);
const HPEXPIRETIME = /* @__PURE__ */ defineSpec<number[]>("HPExpireTime", toNumbers);

/** HSET: resolves to the number of fields added (updated ones are not counted). */
export const hset = (key: GlideString, fieldsAndValues: FieldsAndValues): Command<number> =>
  command(HSET, ["HSET", key, ...flattenFields(fieldsAndValues)]);

/** HGET: the value, or null when the field or key is missing. */
export const hget: (
  key: GlideString,
  field: GlideString,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("HGet", toNullableGlideString),
  2,
  DECODED,
);

/** HGETALL: every field and value, as `{ field, value }` entries. */
export const hgetall: (key: GlideString, options?: DecoderOption) => Command<HashDataType> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<HashDataType>("HGetAll", toHashData),
    1,
    DECODED,
  );

/** HMGET: one value (or null) per field. */
export const hmget = (
  key: GlideString,
  fields: GlideString[],
  options?: DecoderOption,
): Command<(GlideString | null)[]> => command(HMGET, ["HMGET", key, ...fields], options?.decoder);

/** HDEL: resolves to the number of fields removed. */
export const hdel: (key: GlideString, fields: GlideString[]) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("HDel", toNumber), 2, SPREAD_LAST);

/** HEXISTS. */
export const hexists: (key: GlideString, field: GlideString) => Command<boolean> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<boolean>("HExists", toBoolean), 2);

/** HLEN. */
export const hlen: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("HLen", toNumber),
  1,
);

/** HKEYS. */
export const hkeys: (key: GlideString, options?: DecoderOption) => Command<GlideString[]> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString[]>("HKeys", toGlideStrings),
    1,
    DECODED,
  );

/** HVALS. */
export const hvals: (key: GlideString, options?: DecoderOption) => Command<GlideString[]> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<GlideString[]>("HVals", toGlideStrings),
    1,
    DECODED,
  );

/** HINCRBY: resolves to the new value. */
export const hincrBy: (key: GlideString, field: GlideString, amount: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("HIncrBy", toNumber), 3);

/** HINCRBYFLOAT: resolves to the new value. */
export const hincrByFloat: (
  key: GlideString,
  field: GlideString,
  amount: number,
) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("HIncrByFloat", toFloat),
  3,
);

/** HSETNX: whether the field was set (false when it already existed). */
export const hsetnx: (
  key: GlideString,
  field: GlideString,
  value: GlideString,
) => Command<boolean> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<boolean>("HSetNX", toBoolean),
  3,
);

/** HSTRLEN. */
export const hstrlen: (key: GlideString, field: GlideString) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("HStrlen", toNumber), 2);

/** HRANDFIELD: one random field, or null when the hash is missing. */
export const hrandfield: (
  key: GlideString,
  options?: DecoderOption,
) => Command<GlideString | null> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString | null>("HRandField", toNullableGlideString),
  1,
  DECODED,
);

/** HRANDFIELD key count: distinct fields, or (negative `count`) fields with repeats. */
export const hrandfieldCount: (
  key: GlideString,
  count: number,
  options?: DecoderOption,
) => Command<GlideString[]> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<GlideString[]>("HRandField", toGlideStrings),
  2,
  DECODED,
);

/** HRANDFIELD key count WITHVALUES: [field, value] pairs. */
export const hrandfieldWithValues = (
  key: GlideString,
  count: number,
  options?: DecoderOption,
): Command<[GlideString, GlideString][]> =>
  command(HRANDFIELD_WITH_VALUES, ["HRANDFIELD", key, count, "WITHVALUES"], options?.decoder);

/** HSCAN: [next cursor, field, value, field, value…] (fields only with `noValues`). */
export const hscan = (
  key: GlideString,
  cursor: string,
  options?: HScanOptions & DecoderOption,
): Command<[string, GlideString[]]> => {
  const args: CommandArg[] = ["HSCAN", key, cursor, ...baseScanArgs(options)];
  if (options?.noValues) args.push("NOVALUES");
  return command(HSCAN, args, options?.decoder);
};

/** HSETEX: sets fields with an expiry; resolves to 1 when all were set, 0 when none was. */
export const hsetex = (
  key: GlideString,
  fieldsAndValues: FieldsAndValues,
  options?: HSetExOptions,
): Command<number> => {
  const args: CommandArg[] = ["HSETEX", key];
  if (options?.fieldConditionalChange) args.push(options.fieldConditionalChange);
  args.push(...expiryArgs(options?.expiry, "HSETEX"));
  const flat = flattenFields(fieldsAndValues);
  args.push("FIELDS", flat.length / 2, ...flat);
  return command(HSETEX, args);
};

/** HGETEX: gets fields and sets (or, with "PERSIST", removes) their expiry. */
export const hgetex = (
  key: GlideString,
  fields: GlideString[],
  options?: HGetExOptions & DecoderOption,
): Command<(GlideString | null)[]> => {
  const args: CommandArg[] = ["HGETEX", key, ...expiryArgs(options?.expiry, "HGETEX")];
  args.push("FIELDS", fields.length, ...fields);
  return command(HGETEX, args, options?.decoder);
};

/** Arguments of the HEXPIRE family: `key time [condition] FIELDS n field…`. */
const fieldExpiryArgs = (
  name: string,
  key: GlideString,
  time: number,
  fields: GlideString[],
  options: HExpireOptions | undefined,
): CommandArg[] => {
  const args: CommandArg[] = [name, key, time];
  if (options?.condition) args.push(options.condition);
  args.push("FIELDS", fields.length, ...fields);
  return args;
};

/**
 * HEXPIRE: one code per field: 2 expired now (time in the past), 1 set, 0 condition not met,
 * -2 no such field.
 */
export const hexpire = (
  key: GlideString,
  seconds: number,
  fields: GlideString[],
  options?: HExpireOptions,
): Command<number[]> => command(HEXPIRE, fieldExpiryArgs("HEXPIRE", key, seconds, fields, options));

/** HPEXPIRE: HEXPIRE in milliseconds. */
export const hpexpire = (
  key: GlideString,
  milliseconds: number,
  fields: GlideString[],
  options?: HExpireOptions,
): Command<number[]> =>
  command(HPEXPIRE, fieldExpiryArgs("HPEXPIRE", key, milliseconds, fields, options));

/** HEXPIREAT: HEXPIRE with an absolute Unix time in seconds. */
export const hexpireat = (
  key: GlideString,
  unixTimestampSeconds: number,
  fields: GlideString[],
  options?: HExpireOptions,
): Command<number[]> =>
  command(HEXPIREAT, fieldExpiryArgs("HEXPIREAT", key, unixTimestampSeconds, fields, options));

/** HPEXPIREAT: HEXPIRE with an absolute Unix time in milliseconds. */
export const hpexpireat = (
  key: GlideString,
  unixTimestampMilliseconds: number,
  fields: GlideString[],
  options?: HExpireOptions,
): Command<number[]> =>
  command(
    HPEXPIREAT,
    fieldExpiryArgs("HPEXPIREAT", key, unixTimestampMilliseconds, fields, options),
  );

/** `key FIELDS n field…`, the shape of HPERSIST and the HTTL family. */
const fieldsArgs = (name: string, key: GlideString, fields: GlideString[]): CommandArg[] => [
  name,
  key,
  "FIELDS",
  fields.length,
  ...fields,
];

/** HPERSIST: one code per field: 1 expiry removed, -1 had none, -2 no such field. */
export const hpersist = (key: GlideString, fields: GlideString[]): Command<number[]> =>
  command(HPERSIST, fieldsArgs("HPERSIST", key, fields));

/** HTTL: remaining seconds per field (-1 no expiry, -2 no such field). */
export const httl = (key: GlideString, fields: GlideString[]): Command<number[]> =>
  command(HTTL, fieldsArgs("HTTL", key, fields));

/** HPTTL: remaining milliseconds per field. */
export const hpttl = (key: GlideString, fields: GlideString[]): Command<number[]> =>
  command(HPTTL, fieldsArgs("HPTTL", key, fields));

/** HEXPIRETIME: absolute expiry per field, Unix seconds. */
export const hexpiretime = (key: GlideString, fields: GlideString[]): Command<number[]> =>
  command(HEXPIRETIME, fieldsArgs("HEXPIRETIME", key, fields));

/** HPEXPIRETIME: absolute expiry per field, Unix milliseconds. */
export const hpexpiretime = (key: GlideString, fields: GlideString[]): Command<number[]> =>
  command(HPEXPIRETIME, fieldsArgs("HPEXPIRETIME", key, fields));

/** The hash methods of GlideClient, GlideClusterClient and both batch classes. */
export const hashCommands = {
  hset,
  hget,
  hgetall,
  hmget,
  hdel,
  hexists,
  hlen,
  hkeys,
  hvals,
  hincrBy,
  hincrByFloat,
  hsetnx,
  hstrlen,
  hrandfield,
  hrandfieldCount,
  hrandfieldWithValues,
  hscan,
  hsetex,
  hgetex,
  hexpire,
  hpexpire,
  hexpireat,
  hpexpireat,
  hpersist,
  httl,
  hpttl,
  hexpiretime,
  hpexpiretime,
};
