// HyperLogLog (PFADD, PFCOUNT, PFMERGE, PFDEBUG) with the server's hash (MurmurHash64A,
// seed 0xadc83b19), 16384 six-bit registers and Ertl's estimator, so counts
// equal the server's. Values are always stored in the dense layout ("HYLL"
// header, cached cardinality, packed registers); the server starts small sets
// in a sparse layout, so GET/STRLEN of a fresh HLL differ from it, and PFDEBUG
// answers as the server does for a dense HLL (ENCODING "dense", TODENSE 0,
// DECODE refused), whatever the server would say of a small one.

import type { ReplyFrame } from "@petrel/protocol";
import { allKeys, arg, define, oneKey } from "./command.js";
import { Errors, fail } from "./errors.js";
import { array, integer, OK, simple } from "./reply.js";
import type { DataCommand, DataContext } from "./types.js";

const P = 14;
const REGISTERS = 1 << P;
const Q = 64 - P;
const BITS = 6;
const HEADER = 16;
const DENSE_SIZE = HEADER + Math.floor((REGISTERS * BITS + 7) / 8);
/** 0.5 / ln 2. */
const ALPHA_INF = 0.5 / Math.LN2;
const MASK64 = (1n << 64n) - 1n;

function murmurHash64A(data: Buffer, seed: bigint): bigint {
  const m = 0xc6a4a7935bd1e995n;
  const r = 47n;
  let h = (seed ^ ((BigInt(data.length) * m) & MASK64)) & MASK64;
  const blocks = data.length - (data.length & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = data.readBigUInt64LE(i);
    k = (k * m) & MASK64;
    k ^= k >> r;
    k = (k * m) & MASK64;
    h ^= k;
    h = (h * m) & MASK64;
  }
  const tail = data.length & 7;
  if (tail > 0) {
    for (let i = tail - 1; i >= 0; i--) h ^= BigInt(data[blocks + i] as number) << BigInt(8 * i);
    h = (h * m) & MASK64;
  }
  h ^= h >> r;
  h = (h * m) & MASK64;
  h ^= h >> r;
  return h;
}

/** Register index and run length of an element, as hllPatLen. */
function patternOf(element: Buffer): { index: number; count: number } {
  let hash = murmurHash64A(element, 0xadc83b19n);
  const index = Number(hash & BigInt(REGISTERS - 1));
  hash >>= BigInt(P);
  hash |= 1n << BigInt(Q);
  let count = 1;
  while ((hash & 1n) === 0n) {
    count++;
    hash >>= 1n;
  }
  return { index, count };
}

function getRegister(hll: Buffer, index: number): number {
  const bit = index * BITS;
  const byte = HEADER + (bit >> 3);
  const shift = bit & 7;
  const b0 = hll[byte] as number;
  const b1 = hll[byte + 1] ?? 0;
  return ((b0 >> shift) | (b1 << (8 - shift))) & 63;
}

function setRegister(hll: Buffer, index: number, value: number): void {
  const bit = index * BITS;
  const byte = HEADER + (bit >> 3);
  const shift = bit & 7;
  hll[byte] = ((hll[byte] as number) & ~(63 << shift) & 0xff) | ((value << shift) & 0xff);
  if (byte + 1 < hll.length) {
    hll[byte + 1] =
      ((hll[byte + 1] as number) & ~(63 >> (8 - shift)) & 0xff) | (value >> (8 - shift));
  }
}

function emptyHll(): Buffer {
  const hll = Buffer.alloc(DENSE_SIZE);
  hll.write("HYLL", 0, "latin1");
  return hll;
}

function invalidateCache(hll: Buffer): void {
  hll[15] = (hll[15] as number) | 0x80;
}

/** The HLL stored at key (a copy), undefined when absent; WRONGTYPE for anything else. */
function readHll(ctx: DataContext, key: Buffer): Buffer | undefined {
  const entry = ctx.db.get(key);
  if (entry === undefined) return undefined;
  if (entry.type !== "string") fail(Errors.wrongType);
  const value = entry.value;
  if (value.length !== DENSE_SIZE || value.toString("latin1", 0, 4) !== "HYLL" || value[4] !== 0) {
    fail(Errors.notHyperLogLog);
  }
  return Buffer.from(value);
}

function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let previous: number;
  let v = x;
  do {
    v *= v;
    previous = z;
    z += v * y;
    y += y;
  } while (previous !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  let v = x;
  do {
    v = Math.sqrt(v);
    previous = z;
    y *= 0.5;
    z -= (1 - v) ** 2 * y;
  } while (previous !== z);
  return z / 3;
}

function estimate(registers: (index: number) => number): number {
  const histogram = new Array<number>(64).fill(0);
  for (let i = 0; i < REGISTERS; i++)
    histogram[registers(i)] = (histogram[registers(i)] as number) + 1;
  const m = REGISTERS;
  let z = m * tau((m - (histogram[Q + 1] as number)) / m);
  for (let j = Q; j >= 1; j--) {
    z += histogram[j] as number;
    z *= 0.5;
  }
  z += m * sigma((histogram[0] as number) / m);
  return Math.round((ALPHA_INF * m * m) / z);
}

function pfcount(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const keys = args.slice(1);
  if (keys.length === 1) {
    const key = keys[0] as Buffer;
    const hll = readHll(ctx, key);
    if (hll === undefined) return integer(0);
    if (((hll[15] as number) & 0x80) === 0) return integer(hll.readBigUInt64LE(8));
    const count = estimate((i) => getRegister(hll, i));
    // Like the server, the computed count is cached in the value (a write).
    hll.writeBigUInt64LE(BigInt(count), 8);
    const entry = ctx.db.get(key);
    ctx.db.put(key, {
      type: "string",
      value: hll,
      ...(entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
    });
    return integer(count);
  }
  const merged = new Uint8Array(REGISTERS);
  for (const key of keys) {
    const hll = readHll(ctx, key);
    if (hll === undefined) continue;
    for (let i = 0; i < REGISTERS; i++)
      merged[i] = Math.max(merged[i] as number, getRegister(hll, i));
  }
  return integer(estimate((i) => merged[i] as number));
}

export const fakeHyperLogLogHandlers: readonly DataCommand[] = [
  define({
    name: "pfadd",
    arity: -2,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const existing = readHll(ctx, key);
      const hll = existing ?? emptyHll();
      let changed = existing === undefined;
      for (const element of args.slice(2)) {
        const { index, count } = patternOf(element);
        if (count > getRegister(hll, index)) {
          setRegister(hll, index, count);
          changed = true;
        }
      }
      if (!changed) return integer(0);
      invalidateCache(hll);
      const expiresAt = ctx.db.get(key)?.expiresAt;
      ctx.db.put(key, {
        type: "string",
        value: hll,
        ...(expiresAt === undefined ? {} : { expiresAt }),
      });
      ctx.notify?.("$", "pfadd", key);
      return integer(1);
    },
  }),
  define({ name: "pfcount", arity: -2, flags: ["readonly"], keys: allKeys, run: pfcount }),
  define({
    name: "pfmerge",
    arity: -2,
    flags: ["write", "denyoom"],
    keys: allKeys,
    run(ctx, args) {
      const target = arg(args, 1);
      const merged = new Uint8Array(REGISTERS);
      for (const key of args.slice(1)) {
        const hll = readHll(ctx, key);
        if (hll === undefined) continue;
        for (let i = 0; i < REGISTERS; i++)
          merged[i] = Math.max(merged[i] as number, getRegister(hll, i));
      }
      const result = readHll(ctx, target) ?? emptyHll();
      for (let i = 0; i < REGISTERS; i++) setRegister(result, i, merged[i] as number);
      invalidateCache(result);
      const expiresAt = ctx.db.get(target)?.expiresAt;
      ctx.db.put(target, {
        type: "string",
        value: result,
        ...(expiresAt === undefined ? {} : { expiresAt }),
      });
      ctx.notify?.("$", "pfadd", target);
      return OK;
    },
  }),
  define({
    name: "pfdebug",
    arity: -3,
    flags: ["write", "denyoom"],
    keys: { first: 2, last: 2, step: 1 },
    run(ctx, args) {
      // Every subcommand takes exactly the key; the server checks the count first.
      if (args.length !== 3) fail(Errors.wrongArity("pfdebug"));
      const subcommand = arg(args, 1).toString("latin1");
      const hll = readHll(ctx, arg(args, 2));
      if (hll === undefined) fail("ERR The specified key does not exist");
      switch (subcommand.toLowerCase()) {
        case "getreg": {
          const registers: ReplyFrame[] = [];
          for (let i = 0; i < REGISTERS; i++) registers.push(integer(getRegister(hll, i)));
          return array(registers);
        }
        case "encoding":
          return simple("dense");
        case "todense":
          return integer(0);
        case "decode":
          return fail("ERR HLL encoding is not sparse");
        default:
          return fail(`ERR Unknown PFDEBUG subcommand '${subcommand}'`);
      }
    },
  }),
];
