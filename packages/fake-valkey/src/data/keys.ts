// Generic key commands: existence, deletion, expiry, renames, copies, keyspace
// iteration and database-wide commands.

import type { ReplyFrame } from "@petrel/protocol";
import { cloneEntry } from "./clone.js";
import { allKeys, arg, define, intArg, noKeys, oneKey, token } from "./command.js";
import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";
import { globMatch } from "./glob.js";
import { keyBuffer, keyString } from "./keyspace.js";
import { pickOne } from "./random-pick.js";
import { array, bulk, integer, NULL_BULK, OK, simple } from "./reply.js";
import { matches, parseScanOptions, scanPage, scanReply } from "./scan.js";
import type { DataCommand, DataContext, Keyspace } from "./types.js";

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

interface ExpireFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
}

function parseExpireFlags(args: Buffer[], from: number): ExpireFlags {
  const flags: ExpireFlags = { nx: false, xx: false, gt: false, lt: false };
  for (let i = from; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "NX") flags.nx = true;
    else if (option === "XX") flags.xx = true;
    else if (option === "GT") flags.gt = true;
    else if (option === "LT") flags.lt = true;
    else fail(Errors.unsupportedOption(arg(args, i).toString("latin1")));
  }
  if (flags.nx && (flags.xx || flags.gt || flags.lt)) fail(Errors.expireFlagsNxXx);
  if (flags.gt && flags.lt) fail(Errors.expireFlagsGtLt);
  return flags;
}

function expireCommand(name: string, seconds: boolean, absolute: boolean): DataCommand {
  return define({
    name,
    arity: -3,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const flags = parseExpireFlags(args, 3);
      const parsed = parseInt64(arg(args, 2));
      if (parsed === undefined) fail(Errors.notInteger);
      let when = parsed;
      if (seconds) {
        if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) fail(Errors.invalidExpire(name));
        when *= 1000n;
      }
      const base = absolute ? 0n : BigInt(ctx.clock.now());
      if (when > INT64_MAX - base) fail(Errors.invalidExpire(name));
      when += base;
      const entry = ctx.db.get(key);
      if (entry === undefined) return integer(0);
      const current = entry.expiresAt === undefined ? undefined : BigInt(entry.expiresAt);
      if (flags.nx && current !== undefined) return integer(0);
      if (flags.xx && current === undefined) return integer(0);
      if (flags.gt && (current === undefined || when <= current)) return integer(0);
      if (flags.lt && current !== undefined && when >= current) return integer(0);
      // A time already past deletes the key (a "del" event), as on the server.
      if (when <= BigInt(ctx.clock.now())) {
        ctx.db.delete(key);
        ctx.notify?.("g", "del", key);
      } else {
        ctx.db.put(key, { ...entry, expiresAt: Number(when) });
        ctx.notify?.("g", "expire", key);
      }
      return integer(1);
    },
  });
}

function ttlCommand(name: string, report: (expiresAt: number, now: number) => number): DataCommand {
  return define({
    name,
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const entry = ctx.db.get(arg(args, 1));
      if (entry === undefined) return integer(-2);
      if (entry.expiresAt === undefined) return integer(-1);
      return integer(report(entry.expiresAt, ctx.clock.now()));
    },
  });
}

function rename(ctx: DataContext, args: Buffer[], onlyIfAbsent: boolean): ReplyFrame {
  const source = arg(args, 1);
  const target = arg(args, 2);
  const entry = ctx.db.get(source);
  if (entry === undefined) fail(Errors.noSuchKey);
  if (source.equals(target)) return onlyIfAbsent ? integer(0) : OK;
  if (onlyIfAbsent && ctx.db.has(target)) return integer(0);
  ctx.db.delete(source);
  ctx.db.put(target, entry);
  ctx.notify?.("g", "rename_from", source);
  ctx.notify?.("g", "rename_to", target);
  return onlyIfAbsent ? integer(1) : OK;
}

function dbIndexArg(ctx: DataContext, value: Buffer): Keyspace {
  const index = intArg(value);
  const db = ctx.dbs[index];
  if (index < 0 || db === undefined) fail(Errors.dbIndexOutOfRange);
  return db;
}

function flushOption(args: Buffer[]): void {
  if (args.length > 2) fail(Errors.syntax);
  if (args.length === 2) {
    const option = token(args[1]);
    if (option !== "ASYNC" && option !== "SYNC") fail(Errors.syntax);
  }
}

function deleteKeys(ctx: DataContext, args: Buffer[]): ReplyFrame {
  let removed = 0;
  for (const key of args.slice(1)) {
    if (!ctx.db.delete(key)) continue;
    removed++;
    ctx.notify?.("g", "del", key);
  }
  return integer(removed);
}

export const fakeKeyHandlers: readonly DataCommand[] = [
  define({ name: "del", arity: -2, flags: ["write"], keys: allKeys, run: deleteKeys }),
  define({ name: "unlink", arity: -2, flags: ["write", "fast"], keys: allKeys, run: deleteKeys }),
  define({
    name: "exists",
    arity: -2,
    flags: ["readonly", "fast"],
    keys: allKeys,
    run: (ctx, args) => integer(args.slice(1).filter((key) => ctx.db.has(key)).length),
  }),
  define({
    name: "touch",
    arity: -2,
    flags: ["readonly", "fast"],
    keys: allKeys,
    run: (ctx, args) =>
      integer(args.slice(1).filter((key) => ctx.db.get(key) !== undefined).length),
  }),
  define({
    name: "type",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => simple(ctx.db.get(arg(args, 1))?.type ?? "none"),
  }),
  expireCommand("expire", true, false),
  expireCommand("pexpire", false, false),
  expireCommand("expireat", true, true),
  expireCommand("pexpireat", false, true),
  ttlCommand("ttl", (at, now) => Math.floor((Math.max(0, at - now) + 500) / 1000)),
  ttlCommand("pttl", (at, now) => Math.max(0, at - now)),
  ttlCommand("expiretime", (at) => Math.trunc(at / 1000)),
  ttlCommand("pexpiretime", (at) => at),
  define({
    name: "persist",
    arity: 2,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const entry = ctx.db.get(arg(args, 1));
      if (entry?.expiresAt === undefined) return integer(0);
      const { expiresAt: _dropped, ...rest } = entry;
      ctx.db.put(arg(args, 1), rest as typeof entry);
      ctx.notify?.("g", "persist", arg(args, 1));
      return integer(1);
    },
  }),
  define({
    name: "rename",
    arity: 3,
    flags: ["write"],
    keys: { first: 1, last: 2, step: 1 },
    run: (ctx, args) => rename(ctx, args, false),
  }),
  define({
    name: "renamenx",
    arity: 3,
    flags: ["write", "fast"],
    keys: { first: 1, last: 2, step: 1 },
    run: (ctx, args) => rename(ctx, args, true),
  }),
  define({
    name: "copy",
    arity: -3,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: 2, step: 1 },
    run(ctx, args) {
      const source = arg(args, 1);
      const target = arg(args, 2);
      let targetDb = ctx.db;
      let replace = false;
      for (let i = 3; i < args.length; i++) {
        const option = token(args[i]);
        if (option === "REPLACE") replace = true;
        else if (option === "DB" && i + 1 < args.length) {
          targetDb = dbIndexArg(ctx, arg(args, i + 1));
          i++;
        } else fail(Errors.syntax);
      }
      if (targetDb === ctx.db && source.equals(target)) fail(Errors.sameObject);
      const entry = ctx.db.get(source);
      if (entry === undefined) return integer(0);
      if (targetDb.has(target)) {
        if (!replace) return integer(0);
        targetDb.delete(target);
      }
      targetDb.put(target, cloneEntry(entry));
      ctx.notify?.("g", "copy_to", target, targetDb);
      return integer(1);
    },
  }),
  define({
    name: "move",
    arity: 3,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const targetDb = dbIndexArg(ctx, arg(args, 2));
      if (targetDb === ctx.db) fail(Errors.sameObject);
      const entry = ctx.db.get(key);
      if (entry === undefined || targetDb.has(key)) return integer(0);
      ctx.db.delete(key);
      targetDb.put(key, entry);
      ctx.notify?.("g", "move_from", key);
      ctx.notify?.("g", "move_to", key, targetDb);
      return integer(1);
    },
  }),
  define({
    name: "keys",
    arity: 2,
    flags: ["readonly"],
    keys: noKeys,
    run(ctx, args) {
      const pattern = arg(args, 1).toString("latin1");
      return array(
        ctx.db
          .keys()
          .filter((key) => pattern === "*" || globMatch(pattern, keyString(key)))
          .map((key) => bulk(key)),
      );
    },
  }),
  define({
    name: "scan",
    arity: -2,
    flags: ["readonly"],
    keys: noKeys,
    run(ctx, args) {
      const options = parseScanOptions(args, 1, true);
      const page = scanPage(ctx.db.keys().map(keyString), options.cursor, options.count, false);
      const items = page.names.filter((name) => {
        if (!matches(options.pattern, name)) return false;
        if (options.type === undefined) return true;
        const entry = ctx.db.get(keyBuffer(name));
        return entry !== undefined && entry.type === options.type.toLowerCase();
      });
      return scanReply(
        page.next,
        items.map((name) => bulk(keyBuffer(name))),
      );
    },
  }),
  define({
    name: "randomkey",
    arity: 1,
    flags: ["readonly", "random"],
    keys: noKeys,
    run(ctx) {
      const keys = ctx.db.keys();
      if (keys.length === 0) return NULL_BULK;
      return bulk(pickOne(keys, ctx.random));
    },
  }),
  define({
    name: "dbsize",
    group: "server",
    arity: 1,
    flags: ["readonly", "fast"],
    keys: noKeys,
    run: (ctx) => integer(ctx.db.size),
  }),
  define({
    name: "flushdb",
    group: "server",
    arity: -1,
    flags: ["write"],
    keys: noKeys,
    run(ctx, args) {
      flushOption(args);
      ctx.db.flush();
      return OK;
    },
  }),
  define({
    name: "flushall",
    group: "server",
    arity: -1,
    flags: ["write"],
    keys: noKeys,
    run(ctx, args) {
      flushOption(args);
      for (const db of ctx.dbs) db.flush();
      return OK;
    },
  }),
];
