// String commands: GET/SET family, counters, ranges, multi-key, LCS.
import type { GlideString, RespValue } from "@petrel/protocol";
import { flattenRecord, integerExpiry } from "../args.js";
import type { Command, CommandArg, DecoderOption } from "../command.js";
import type { GetExOptions, LcsIdxOptions, SetOptions } from "../options/strings.js";
import { DECODED, positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf, toStringRecord } from "../replies/collections.js";
import type { GlideRecord } from "../replies/glide-types.js";
import {
  asIs,
  toBoolean,
  toFloat,
  toNullableGlideString,
  toNumber,
  toOk,
} from "../replies/scalars.js";
import { command, defineSpec } from "../spec.js";

type Nullable = GlideString | null;
type LcsIdxResult = Record<string, (number | [number, number])[][] | number>;

const GET = /* @__PURE__ */ defineSpec<Nullable>("Get", toNullableGlideString);
const GETEX = /* @__PURE__ */ defineSpec<Nullable>("GetEx", toNullableGlideString);
const SET = /* @__PURE__ */ defineSpec<"OK" | Nullable>("Set", asIs);
const MSET = /* @__PURE__ */ defineSpec<"OK">("MSet", toOk);
const MSETNX = /* @__PURE__ */ defineSpec<boolean>("MSetNX", toBoolean);
const LCS_LEN = /* @__PURE__ */ defineSpec<number>("LCS", "LCS", toNumber);
const LCS_IDX = /* @__PURE__ */ defineSpec<LcsIdxResult>("LCS", "LCS", (reply, cmd) =>
  toStringRecord(reply, cmd, lcsIdxValue),
);

/** "len" is a number; "matches" is a list of [[start, end], [start, end], len?] already in shape. */
const lcsIdxValue = (value: RespValue): (number | [number, number])[][] | number =>
  typeof value === "number" ? value : (value as (number | [number, number])[][]);

export const get = (key: GlideString, options?: DecoderOption): Command<Nullable> =>
  command(GET, ["GET", key], options?.decoder);

export const getdel: (key: GlideString, options?: DecoderOption) => Command<Nullable> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Nullable>("GetDel", toNullableGlideString),
    1,
    DECODED,
  );

export const getex = (
  key: GlideString,
  options?: GetExOptions & DecoderOption,
): Command<Nullable> => {
  const args: CommandArg[] = ["GETEX", key];
  const expiry = options?.expiry;
  if (expiry === "persist") args.push("PERSIST");
  else if (expiry !== undefined)
    args.push(expiry.type, integerExpiry(expiry.duration, expiry.duration));
  return command(GETEX, args, options?.decoder);
};

export const getrange: (
  key: GlideString,
  start: number,
  end: number,
  options?: DecoderOption,
) => Command<Nullable> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<Nullable>("GetRange", toNullableGlideString),
  3,
  DECODED,
);

/** SET arguments from GLIDE's options, in the server's order. */
const setArgs = (key: GlideString, value: GlideString, options?: SetOptions): CommandArg[] => {
  const args: CommandArg[] = ["SET", key, value];
  if (options?.conditionalSet === "onlyIfExists") args.push("XX");
  else if (options?.conditionalSet === "onlyIfDoesNotExist") args.push("NX");
  else if (options?.conditionalSet === "onlyIfEqual") args.push("IFEQ", options.comparisonValue);
  if (options?.returnOldValue) args.push("GET");
  const expiry = options?.expiry;
  if (expiry === "keepExisting") args.push("KEEPTTL");
  else if (expiry !== undefined) args.push(expiry.type, integerExpiry(expiry, expiry.count));
  return args;
};

export const set = (
  key: GlideString,
  value: GlideString,
  options?: SetOptions & DecoderOption,
): Command<"OK" | Nullable> => command(SET, setArgs(key, value, options), options?.decoder);

export const setrange: (key: GlideString, offset: number, value: GlideString) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("SetRange", toNumber), 3);

export const append: (key: GlideString, value: GlideString) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("Append", toNumber), 2);

export const strlen: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("Strlen", toNumber),
  1,
);

export const incr: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("Incr", toNumber),
  1,
);

export const incrBy: (key: GlideString, amount: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("IncrBy", toNumber), 2);

export const incrByFloat: (key: GlideString, amount: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("IncrByFloat", toFloat), 2);

export const decr: (key: GlideString) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("Decr", toNumber),
  1,
);

export const decrBy: (key: GlideString, amount: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("DecrBy", toNumber), 2);

export const mget: (keys: GlideString[], options?: DecoderOption) => Command<Nullable[]> =
  /* @__PURE__ */ positional(
    /* @__PURE__ */ defineSpec<Nullable[]>(
      "MGet",
      /* @__PURE__ */ toArrayOf(toNullableGlideString),
    ),
    1,
    SPREAD_LAST,
    DECODED,
  );

export const mset = (
  keysAndValues: Record<string, GlideString> | GlideRecord<GlideString>,
): Command<"OK"> => command(MSET, ["MSET", ...flattenRecord(keysAndValues)]);

export const msetnx = (
  keysAndValues: Record<string, GlideString> | GlideRecord<GlideString>,
): Command<boolean> => command(MSETNX, ["MSETNX", ...flattenRecord(keysAndValues)]);

export const lcs: (
  key1: GlideString,
  key2: GlideString,
  options?: DecoderOption,
) => Command<string> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<string>("LCS", "LCS", asIs),
  2,
  DECODED,
);

export const lcsLen = (
  key1: GlideString,
  key2: GlideString,
  options?: DecoderOption,
): Command<number> => command(LCS_LEN, ["LCS", key1, key2, "LEN"], options?.decoder);

export const lcsIdx = (
  key1: GlideString,
  key2: GlideString,
  options?: LcsIdxOptions,
): Command<LcsIdxResult> => {
  const args: CommandArg[] = ["LCS", key1, key2, "IDX"];
  if (options?.minMatchLen !== undefined) args.push("MINMATCHLEN", options.minMatchLen);
  if (options?.withMatchLen) args.push("WITHMATCHLEN");
  return command(LCS_IDX, args);
};

export const stringCommands = {
  get,
  getdel,
  getex,
  getrange,
  set,
  setrange,
  append,
  strlen,
  incr,
  incrBy,
  incrByFloat,
  decr,
  decrBy,
  mget,
  mset,
  msetnx,
  lcs,
  lcsLen,
  lcsIdx,
};
