// String commands: SET and its variants, reads, ranges, counters and LCS.

import { allKeys, arg, bigIntArg, define, intArg, oneKey, readString, token } from "./command.js";
import { markEdited } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { absoluteExpiry, type ExpireUnit } from "./expiry.js";
import { addFloats, inInt64Range, parseInt64 } from "./float.js";
import { lcsCommand } from "./lcs.js";
import { array, bulk, bulkOrNull, integer, NULL_BULK, OK } from "./reply.js";
import type { DataCommand, DataContext, Keyspace } from "./types.js";

/** The server's default proto-max-bulk-len. */
export const MAX_STRING_LENGTH = 512 * 1024 * 1024;

interface SetOptions {
  condition?: "NX" | "XX" | "IFEQ";
  compare?: Buffer;
  get: boolean;
  expiresAt?: number;
  keepTtl: boolean;
}

function parseSetOptions(ctx: DataContext, args: Buffer[], from: number): SetOptions {
  const options: SetOptions = { get: false, keepTtl: false };
  let expirySeen = false;
  for (let i = from; i < args.length; i++) {
    const option = token(args[i]);
    const next = args[i + 1];
    if ((option === "NX" || option === "XX") && options.condition === undefined) {
      options.condition = option;
    } else if (option === "IFEQ" && options.condition === undefined && next !== undefined) {
      options.condition = "IFEQ";
      options.compare = next;
      i++;
    } else if (option === "GET" && !options.get) {
      options.get = true;
    } else if (option === "KEEPTTL" && !expirySeen) {
      options.keepTtl = true;
      expirySeen = true;
    } else if (
      (option === "EX" || option === "PX" || option === "EXAT" || option === "PXAT") &&
      !expirySeen &&
      next
    ) {
      expirySeen = true;
      options.expiresAt = absoluteExpiry(next, option as ExpireUnit, ctx.clock.now(), "set");
      i++;
    } else {
      fail(Errors.syntax);
    }
  }
  return options;
}

function set(ctx: DataContext, args: Buffer[]) {
  const key = arg(args, 1);
  const value = arg(args, 2);
  const options = parseSetOptions(ctx, args, 3);
  const current = ctx.db.get(key);
  if (
    (options.get || options.condition === "IFEQ") &&
    current !== undefined &&
    current.type !== "string"
  ) {
    fail(Errors.wrongType);
  }
  const old = current?.type === "string" ? current.value : undefined;
  const allowed =
    options.condition === "NX"
      ? current === undefined
      : options.condition === "XX"
        ? current !== undefined
        : options.condition === "IFEQ"
          ? old !== undefined && options.compare !== undefined && old.equals(options.compare)
          : true;
  if (allowed) {
    const expiresAt = options.keepTtl ? current?.expiresAt : options.expiresAt;
    ctx.db.put(
      key,
      expiresAt === undefined ? { type: "string", value } : { type: "string", value, expiresAt },
    );
    ctx.notify?.("$", "set", key);
    if (options.expiresAt !== undefined) ctx.notify?.("g", "expire", key);
  }
  if (options.get) return bulkOrNull(old);
  return allowed ? OK : NULL_BULK;
}

function getString(db: Keyspace, key: Buffer): Buffer | undefined {
  return readString(db, key)?.value;
}

/** Reads an integer value for INCR and friends, rejecting non-integers. */
function counterValue(db: Keyspace, key: Buffer): { value: bigint; expiresAt: number | undefined } {
  const entry = readString(db, key);
  if (entry === undefined) return { value: 0n, expiresAt: undefined };
  const value = entry.value.length > 20 ? undefined : parseInt64(entry.value);
  if (value === undefined) fail(Errors.notInteger);
  return { value, expiresAt: entry.expiresAt };
}

/** INCR, DECR, INCRBY and DECRBY; every one of them publishes "incrby". */
function incrementBy(ctx: DataContext, key: Buffer, delta: bigint) {
  const db = ctx.db;
  const { value, expiresAt } = counterValue(db, key);
  const result = value + delta;
  if (!inInt64Range(result)) fail(Errors.overflow);
  const stored = Buffer.from(result.toString());
  db.put(
    key,
    expiresAt === undefined
      ? { type: "string", value: stored }
      : { type: "string", value: stored, expiresAt },
  );
  ctx.notify?.("$", "incrby", key);
  return integer(result);
}

function getRange(ctx: DataContext, args: Buffer[]) {
  let start = intArg(arg(args, 2));
  let end = intArg(arg(args, 3));
  const value = getString(ctx.db, arg(args, 1)) ?? Buffer.alloc(0);
  const length = value.length;
  if (start < 0 && end < 0 && start > end) return bulk(Buffer.alloc(0));
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= length) end = length - 1;
  if (start > end || length === 0) return bulk(Buffer.alloc(0));
  return bulk(value.subarray(start, end + 1));
}

function checkLength(length: number): void {
  if (length > MAX_STRING_LENGTH) fail(Errors.stringTooLong);
}

function setWithTtl(command: string, unit: ExpireUnit) {
  return define({
    name: command,
    arity: 4,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run(ctx, args) {
      const expiresAt = absoluteExpiry(arg(args, 2), unit, ctx.clock.now(), command);
      ctx.db.put(arg(args, 1), { type: "string", value: arg(args, 3), expiresAt });
      return OK;
    },
  });
}

function counter(name: string, arity: number, delta: (args: Buffer[]) => bigint) {
  return define({
    name,
    arity,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (ctx, args) => incrementBy(ctx, arg(args, 1), delta(args)),
  });
}

function msetPairs(args: Buffer[], command: string): void {
  if ((args.length - 1) % 2 !== 0) fail(Errors.wrongArity(command));
}

/** Stores MSET's `key value…` pairs as strings. */
/** MSET and MSETNX: every pair written, each with its "set" event. */
function putPairs(ctx: DataContext, args: Buffer[]): void {
  for (let i = 1; i < args.length; i += 2) {
    ctx.db.put(arg(args, i), { type: "string", value: arg(args, i + 1) });
    ctx.notify?.("$", "set", arg(args, i));
  }
}

export const fakeStringHandlers: readonly DataCommand[] = [
  define({ name: "set", arity: -3, flags: ["write", "denyoom"], keys: oneKey, run: set }),
  define({
    name: "get",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => bulkOrNull(getString(ctx.db, arg(args, 1))),
  }),
  define({
    name: "setnx",
    arity: 3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      if (ctx.db.has(arg(args, 1))) return integer(0);
      ctx.db.put(arg(args, 1), { type: "string", value: arg(args, 2) });
      ctx.notify?.("$", "set", arg(args, 1));
      return integer(1);
    },
  }),
  setWithTtl("setex", "EX"),
  setWithTtl("psetex", "PX"),
  define({
    name: "getset",
    arity: 3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const old = getString(ctx.db, arg(args, 1));
      ctx.db.put(arg(args, 1), { type: "string", value: arg(args, 2) });
      ctx.notify?.("$", "set", arg(args, 1));
      return bulkOrNull(old);
    },
  }),
  define({
    name: "getdel",
    arity: 2,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const old = getString(ctx.db, arg(args, 1));
      if (old !== undefined) {
        ctx.db.delete(arg(args, 1));
        ctx.notify?.("g", "del", arg(args, 1));
      }
      return bulkOrNull(old);
    },
  }),
  define({
    name: "getex",
    arity: -2,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      let change: { expiresAt?: number } | undefined;
      for (let i = 2; i < args.length; i++) {
        const option = token(args[i]);
        const next = args[i + 1];
        if (
          (option === "EX" || option === "PX" || option === "EXAT" || option === "PXAT") &&
          !change &&
          next
        ) {
          change = {
            expiresAt: absoluteExpiry(next, option as ExpireUnit, ctx.clock.now(), "getex"),
          };
          i++;
        } else if (option === "PERSIST" && !change) {
          change = {};
        } else {
          fail(Errors.syntax);
        }
      }
      const entry = readString(ctx.db, key);
      if (entry === undefined) return NULL_BULK;
      if (change !== undefined) {
        if (change.expiresAt !== undefined && change.expiresAt <= ctx.clock.now()) {
          ctx.db.delete(key);
          ctx.notify?.("g", "del", key);
        } else if (change.expiresAt !== undefined || entry.expiresAt !== undefined) {
          ctx.db.put(key, { type: "string", value: entry.value, ...change });
          ctx.notify?.("g", change.expiresAt === undefined ? "persist" : "expire", key);
        }
      }
      return bulk(entry.value);
    },
  }),
  define({
    name: "mget",
    arity: -2,
    flags: ["readonly", "fast"],
    keys: allKeys,
    run: (ctx, args) =>
      array(
        args.slice(1).map((key) => {
          const entry = ctx.db.get(key);
          return entry?.type === "string" ? bulk(entry.value) : NULL_BULK;
        }),
      ),
  }),
  define({
    name: "mset",
    arity: -3,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: -1, step: 2 },
    run(ctx, args) {
      msetPairs(args, "mset");
      putPairs(ctx, args);
      return OK;
    },
  }),
  define({
    name: "msetnx",
    arity: -3,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: -1, step: 2 },
    run(ctx, args) {
      msetPairs(args, "msetnx");
      for (let i = 1; i < args.length; i += 2) if (ctx.db.has(arg(args, i))) return integer(0);
      putPairs(ctx, args);
      return integer(1);
    },
  }),
  define({
    name: "append",
    arity: 3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = readString(ctx.db, key);
      const value = entry === undefined ? arg(args, 2) : Buffer.concat([entry.value, arg(args, 2)]);
      checkLength(value.length);
      // Appending to an existing value makes it "raw"; a new key stays compact.
      if (entry !== undefined) markEdited(value);
      ctx.db.put(key, {
        type: "string",
        value,
        ...(entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
      });
      ctx.notify?.("$", "append", key);
      return integer(value.length);
    },
  }),
  define({
    name: "strlen",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(getString(ctx.db, arg(args, 1))?.length ?? 0),
  }),
  define({ name: "getrange", arity: 4, flags: ["readonly"], keys: oneKey, run: getRange }),
  define({ name: "substr", arity: 4, flags: ["readonly"], keys: oneKey, run: getRange }),
  define({
    name: "setrange",
    arity: 4,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const offset = intArg(arg(args, 2));
      const patch = arg(args, 3);
      if (offset < 0) fail(Errors.offsetOutOfRange);
      const entry = readString(ctx.db, key);
      const current = entry?.value ?? Buffer.alloc(0);
      if (patch.length === 0) return integer(current.length);
      checkLength(offset + patch.length);
      const value = Buffer.alloc(Math.max(current.length, offset + patch.length));
      current.copy(value);
      patch.copy(value, offset);
      markEdited(value);
      ctx.db.put(key, {
        type: "string",
        value,
        ...(entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
      });
      ctx.notify?.("$", "setrange", key);
      return integer(value.length);
    },
  }),
  counter("incr", 2, () => 1n),
  counter("decr", 2, () => -1n),
  counter("incrby", 3, (args) => bigIntArg(arg(args, 2))),
  define({
    name: "decrby",
    arity: 3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const delta = bigIntArg(arg(args, 2));
      if (delta === -(2n ** 63n)) fail(Errors.decrementOverflow);
      return incrementBy(ctx, arg(args, 1), -delta);
    },
  }),
  define({
    name: "incrbyfloat",
    arity: 3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = readString(ctx.db, key);
      const result = addFloats(
        entry?.value.toString("latin1") ?? "0",
        arg(args, 2).toString("latin1"),
      );
      if (!result.ok) fail(result.reason === "not-float" ? Errors.notFloat : Errors.nanOrInfinity);
      const value = Buffer.from(result.text);
      ctx.db.put(key, {
        type: "string",
        value,
        ...(entry?.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
      });
      ctx.notify?.("$", "incrbyfloat", key);
      return bulk(value);
    },
  }),
  lcsCommand,
];
