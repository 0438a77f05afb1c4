// Bitmap commands on string values: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP.
// Bit 0 is the most significant bit of the first byte, as in the server.

import { arg, bigIntArg, define, intArg, oneKey, readString, token } from "./command.js";
import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";
import { integer } from "./reply.js";
import { MAX_STRING_LENGTH } from "./strings.js";
import type { DataCommand } from "./types.js";

/** A bit offset within proto-max-bulk-len bytes. */
export function bitOffsetArg(value: Buffer): number {
  const offset = parseInt64(value);
  if (offset === undefined || offset < 0n || offset >> 3n >= BigInt(MAX_STRING_LENGTH))
    fail(Errors.bitOffset);
  return Number(offset);
}

export function bitAt(value: Buffer, offset: number): number {
  const byte = value[offset >> 3];
  return byte === undefined ? 0 : (byte >> (7 - (offset & 7))) & 1;
}

/** Resolves a BITCOUNT/BITPOS range to bit offsets [first, last], or undefined when empty. */
function bitRange(
  length: number,
  start: number,
  end: number,
  inBits: boolean,
): [number, number] | undefined {
  const total = inBits ? length * 8 : length;
  let from = start < 0 ? total + start : start;
  let to = end < 0 ? total + end : end;
  if (from < 0) from = 0;
  if (to < 0) to = 0;
  if (to >= total) to = total - 1;
  if (from > to) return undefined;
  return inBits ? [from, to] : [from * 8, to * 8 + 7];
}

function unitArg(value: Buffer | undefined): boolean {
  const unit = token(value);
  if (unit === "BIT") return true;
  if (unit === "BYTE") return false;
  return fail(Errors.syntax);
}

function popcount(byte: number): number {
  let count = 0;
  for (let b = byte; b > 0; b >>= 1) count += b & 1;
  return count;
}

export const fakeBitHandlers: readonly DataCommand[] = [
  define({
    name: "setbit",
    arity: 4,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const offset = bitOffsetArg(arg(args, 2));
      const bit = arg(args, 3).toString("latin1");
      if (bit !== "0" && bit !== "1") fail(Errors.bitValue);
      const entry = readString(ctx.db, key);
      const current = entry?.value ?? Buffer.alloc(0);
      const byteIndex = offset >> 3;
      const value = byteIndex < current.length ? Buffer.from(current) : Buffer.alloc(byteIndex + 1);
      if (byteIndex >= current.length) current.copy(value);
      const old = bitAt(value, offset);
      const mask = 1 << (7 - (offset & 7));
      value[byteIndex] =
        bit === "1" ? (value[byteIndex] as number) | mask : (value[byteIndex] as number) & ~mask;
      const expiry = entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt };
      ctx.db.put(key, { type: "string", value, ...expiry });
      ctx.notify?.("$", "setbit", key);
      return integer(old);
    },
  }),
  define({
    name: "getbit",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const offset = bitOffsetArg(arg(args, 2));
      const value = readString(ctx.db, arg(args, 1))?.value;
      return integer(value === undefined ? 0 : bitAt(value, offset));
    },
  }),
  define({
    name: "bitcount",
    arity: -2,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      // Valkey 8: `[start [end [BIT|BYTE]]]`, parsed before the key is read.
      if (args.length > 5) fail(Errors.syntax);
      const start = args.length >= 3 ? intArg(arg(args, 2)) : undefined;
      const inBits = args.length === 5 ? unitArg(args[4]) : false;
      const end = args.length >= 4 ? intArg(arg(args, 3)) : undefined;
      const value = readString(ctx.db, arg(args, 1))?.value;
      if (value === undefined) return integer(0);
      let range: [number, number] | undefined = [0, value.length * 8 - 1];
      if (start !== undefined) {
        const last = end ?? value.length - 1;
        if (start < 0 && last < 0 && start > last) return integer(0);
        range = bitRange(value.length, start, last, inBits);
      }
      if (range === undefined || value.length === 0) return integer(0);
      let count = 0;
      const [first, last] = range;
      for (let bit = first; bit <= last; ) {
        if ((bit & 7) === 0 && bit + 7 <= last) {
          count += popcount(value[bit >> 3] as number);
          bit += 8;
        } else {
          count += bitAt(value, bit);
          bit++;
        }
      }
      return integer(count);
    },
  }),
  define({
    name: "bitpos",
    arity: -3,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      const wanted = bigIntArg(arg(args, 2));
      if (wanted !== 0n && wanted !== 1n) fail(Errors.bitArgument);
      const bit = Number(wanted);
      // Options are parsed before the key is read, as Valkey 8 does.
      if (args.length > 6) fail(Errors.syntax);
      const start = args.length >= 4 ? intArg(arg(args, 3)) : 0;
      const inBits = args.length === 6 ? unitArg(args[5]) : false;
      const endGiven = args.length >= 5;
      const end = endGiven ? intArg(arg(args, 4)) : -1;
      const value = readString(ctx.db, arg(args, 1))?.value;
      if (value === undefined) return integer(bit === 1 ? -1 : 0);
      const range = bitRange(value.length, start, end, inBits);
      if (range === undefined) return integer(-1);
      const [first, last] = range;
      for (let offset = first; offset <= last; offset++) {
        if (bitAt(value, offset) === bit) return integer(offset);
      }
      // Without an explicit end, the string is padded with zeros on the right.
      return integer(bit === 0 && !endGiven ? last + 1 : -1);
    },
  }),
  define({
    name: "bitop",
    arity: -4,
    flags: ["write", "denyoom"],
    keys: { first: 2, last: -1, step: 1 },
    run(ctx, args) {
      const operation = token(args[1]);
      if (operation !== "AND" && operation !== "OR" && operation !== "XOR" && operation !== "NOT")
        fail(Errors.syntax);
      const sources = args.slice(3);
      if (operation === "NOT" && sources.length !== 1) fail(Errors.bitopNot);
      const values = sources.map((key) => readString(ctx.db, key)?.value ?? Buffer.alloc(0));
      const length = Math.max(0, ...values.map((v) => v.length));
      const target = arg(args, 2);
      if (length === 0) {
        if (ctx.db.delete(target)) ctx.notify?.("g", "del", target);
        return integer(0);
      }
      const result = Buffer.alloc(length);
      for (let i = 0; i < length; i++) {
        const bytes = values.map((v) => v[i] ?? 0);
        let byte = bytes[0] as number;
        for (const next of bytes.slice(1)) {
          if (operation === "AND") byte &= next;
          else if (operation === "OR") byte |= next;
          else byte ^= next;
        }
        result[i] = operation === "NOT" ? ~byte & 0xff : byte;
      }
      ctx.db.put(target, { type: "string", value: result });
      ctx.notify?.("$", "set", target);
      return integer(length);
    },
  }),
];
