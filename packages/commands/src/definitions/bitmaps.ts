// Bitmap commands: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD(_RO).
import type { GlideString } from "@petrel/protocol";
import type { Command, CommandArg } from "../command.js";
import type {
  BitFieldGet,
  BitFieldSubCommands,
  BitOffsetOptions,
  BitwiseOperation,
} from "../options/bitmaps.js";
import { positional, SPREAD_LAST } from "../positional.js";
import { toArrayOf } from "../replies/collections.js";
import { toNullableNumber, toNumber } from "../replies/scalars.js";
import { command, defineSpec } from "../spec.js";

const BITCOUNT = /* @__PURE__ */ defineSpec<number>("BitCount", toNumber);
const BITPOS = /* @__PURE__ */ defineSpec<number>("BitPos", toNumber);
const BITFIELD = /* @__PURE__ */ defineSpec<(number | null)[]>(
  "BitField",
  /* @__PURE__ */ toArrayOf(toNullableNumber),
);
const BITFIELD_RO = /* @__PURE__ */ defineSpec<number[]>(
  "BITFIELD_RO",
  "BitFieldReadOnly",
  /* @__PURE__ */ toArrayOf(toNumber),
);

const rangeArgs = (options: BitOffsetOptions | undefined): CommandArg[] => {
  if (!options) return [];
  const args: CommandArg[] = [options.start];
  // As GLIDE: the index type only after an end (without one, it is not sent).
  if (options.end !== undefined) {
    args.push(options.end);
    if (options.indexType !== undefined) args.push(options.indexType);
  }
  return args;
};

export const setbit: (key: GlideString, offset: number, value: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("SetBit", toNumber), 3);

export const getbit: (key: GlideString, offset: number) => Command<number> =
  /* @__PURE__ */ positional(/* @__PURE__ */ defineSpec<number>("GetBit", toNumber), 2);

export const bitcount = (key: GlideString, options?: BitOffsetOptions): Command<number> =>
  command(BITCOUNT, ["BITCOUNT", key, ...rangeArgs(options)]);

export const bitpos = (
  key: GlideString,
  bit: number,
  options?: BitOffsetOptions,
): Command<number> => command(BITPOS, ["BITPOS", key, bit, ...rangeArgs(options)]);

export const bitop: (
  operation: BitwiseOperation,
  destination: GlideString,
  keys: GlideString[],
) => Command<number> = /* @__PURE__ */ positional(
  /* @__PURE__ */ defineSpec<number>("BitOp", toNumber),
  3,
  SPREAD_LAST,
);

export const bitfield = (
  key: GlideString,
  subcommands: BitFieldSubCommands[],
): Command<(number | null)[]> =>
  command(BITFIELD, ["BITFIELD", key, ...subcommands.flatMap((sub) => sub.toArgs())]);

export const bitfieldReadOnly = (key: GlideString, subcommands: BitFieldGet[]): Command<number[]> =>
  command(BITFIELD_RO, ["BITFIELD_RO", key, ...subcommands.flatMap((sub) => sub.toArgs())]);

export const bitmapCommands = {
  setbit,
  getbit,
  bitcount,
  bitpos,
  bitop,
  bitfield,
  bitfieldReadOnly,
};
