// BITFIELD and BITFIELD_RO: signed and unsigned integers of 1–64 bits at any
// bit offset, with WRAP, SAT and FAIL overflow handling. Every operation is
// parsed before any runs, so a bad argument changes nothing.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, bigIntArg, define, oneKey, readString, token } from "./command.js";
import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";
import { array, integer, NULL_BULK } from "./reply.js";
import { MAX_STRING_LENGTH } from "./strings.js";
import type { DataCommand, DataContext } from "./types.js";

type Overflow = "WRAP" | "SAT" | "FAIL";

interface FieldType {
  readonly signed: boolean;
  readonly bits: number;
}

type Operation =
  | { readonly kind: "GET"; readonly type: FieldType; readonly offset: number }
  | {
      readonly kind: "SET" | "INCRBY";
      readonly type: FieldType;
      readonly offset: number;
      readonly value: bigint;
      readonly overflow: Overflow;
    };

function typeArg(value: Buffer | undefined): FieldType {
  const match = /^([iu])([0-9]+)$/i.exec(value?.toString("latin1") ?? "");
  const bits = Number(match?.[2]);
  const signed = match?.[1]?.toLowerCase() === "i";
  if (!match || bits < 1 || (signed && bits > 64) || (!signed && bits > 63))
    fail(Errors.bitfieldType);
  return { signed, bits };
}

function offsetArg(value: Buffer | undefined, type: FieldType): number {
  const text = value?.toString("latin1") ?? "";
  const multiply = text.startsWith("#");
  const parsed = parseInt64(multiply ? text.slice(1) : text);
  if (parsed === undefined) fail(Errors.bitOffset);
  const offset = multiply ? parsed * BigInt(type.bits) : parsed;
  if (offset < 0n || offset >> 3n >= BigInt(MAX_STRING_LENGTH)) fail(Errors.bitOffset);
  return Number(offset);
}

function parseOperations(args: Buffer[], readOnly: boolean): Operation[] {
  const operations: Operation[] = [];
  let overflow: Overflow = "WRAP";
  for (let i = 2; i < args.length; ) {
    const name = token(args[i]);
    const left = args.length - i - 1;
    if (name === "GET" && left >= 2) {
      const type = typeArg(args[i + 1]);
      operations.push({ kind: "GET", type, offset: offsetArg(args[i + 2], type) });
      i += 3;
    } else if ((name === "SET" || name === "INCRBY") && left >= 3) {
      const type = typeArg(args[i + 1]);
      const offset = offsetArg(args[i + 2], type);
      operations.push({
        kind: name,
        type,
        offset,
        value: bigIntArg(arg(args, i + 3)),
        overflow,
      });
      i += 4;
    } else if (name === "OVERFLOW" && left >= 1) {
      const mode = token(args[i + 1]);
      if (mode !== "WRAP" && mode !== "SAT" && mode !== "FAIL") fail(Errors.bitfieldOverflow);
      overflow = mode;
      i += 2;
    } else {
      fail(Errors.syntax);
    }
  }
  // BITFIELD_RO parses writes like BITFIELD, then refuses them.
  if (readOnly && operations.some((op) => op.kind !== "GET")) fail(Errors.bitfieldReadOnly);
  return operations;
}

function readField(value: Buffer, offset: number, type: FieldType): bigint {
  let raw = 0n;
  for (let i = 0; i < type.bits; i++) {
    const bit = offset + i;
    const byte = value[bit >> 3] ?? 0;
    raw = (raw << 1n) | BigInt((byte >> (7 - (bit & 7))) & 1);
  }
  if (type.signed && raw >> BigInt(type.bits - 1) === 1n) raw -= 1n << BigInt(type.bits);
  return raw;
}

function writeField(value: Buffer, offset: number, type: FieldType, field: bigint): void {
  const raw = BigInt.asUintN(type.bits, field);
  for (let i = 0; i < type.bits; i++) {
    const bit = offset + i;
    const set = (raw >> BigInt(type.bits - 1 - i)) & 1n;
    const mask = 1 << (7 - (bit & 7));
    const byte = value[bit >> 3] as number;
    value[bit >> 3] = set === 1n ? byte | mask : byte & ~mask;
  }
}

/** Applies the overflow policy; undefined means FAIL refused the write. */
function fit(result: bigint, type: FieldType, overflow: Overflow): bigint | undefined {
  const min = type.signed ? -(1n << BigInt(type.bits - 1)) : 0n;
  const max = type.signed ? (1n << BigInt(type.bits - 1)) - 1n : (1n << BigInt(type.bits)) - 1n;
  if (result >= min && result <= max) return result;
  if (overflow === "FAIL") return undefined;
  if (overflow === "SAT") return result < min ? min : max;
  return type.signed ? BigInt.asIntN(type.bits, result) : BigInt.asUintN(type.bits, result);
}

function bitfield(ctx: DataContext, args: Buffer[], readOnly: boolean): ReplyFrame {
  const key = arg(args, 1);
  const operations = parseOperations(args, readOnly);
  const entry = readString(ctx.db, key);
  const writes = operations.filter((op) => op.kind !== "GET");
  const needed = writes.reduce(
    (bytes, op) => Math.max(bytes, (op.offset + op.type.bits + 7) >> 3),
    0,
  );
  const current = entry?.value ?? Buffer.alloc(0);
  const value = Buffer.alloc(Math.max(current.length, needed));
  current.copy(value);
  const replies: ReplyFrame[] = [];
  let changed = false;
  for (const op of operations) {
    const old = readField(value, op.offset, op.type);
    if (op.kind === "GET") {
      replies.push(integer(old));
      continue;
    }
    const next = fit(op.kind === "SET" ? op.value : old + op.value, op.type, op.overflow);
    if (next === undefined) {
      replies.push(NULL_BULK);
      continue;
    }
    writeField(value, op.offset, op.type, next);
    changed = true;
    replies.push(integer(op.kind === "SET" ? old : next));
  }
  if (changed || (writes.length > 0 && needed > current.length)) {
    const expiry = entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt };
    ctx.db.put(key, { type: "string", value, ...expiry });
    ctx.notify?.("$", "setbit", key);
  }
  return array(replies);
}

export const fakeBitfieldHandlers: readonly DataCommand[] = [
  define({
    name: "bitfield",
    arity: -2,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run: (ctx, args) => bitfield(ctx, args, false),
  }),
  define({
    name: "bitfield_ro",
    arity: -2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => bitfield(ctx, args, true),
  }),
];
