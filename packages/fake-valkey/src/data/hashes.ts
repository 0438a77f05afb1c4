// Hash commands. Field names are latin1 strings so any bytes round-trip.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, bigIntArg, define, latin1, oneKey, readHash, token } from "./command.js";
import { isCompact } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { addFloats, inInt64Range, longDoubleKind, parseInt64 } from "./float.js";
import { checkPairCount, pickOne, pickRandom } from "./random-pick.js";
import { removeMembersCommand } from "./remove-members.js";
import {
  array,
  bulk,
  bulkLatin1,
  bulkOrNull,
  EMPTY_ARRAY,
  integer,
  map,
  NULL_BULK,
} from "./reply.js";
import { matches, parseCursor, parseScanOptions, scanPage, scanReply } from "./scan.js";
import type { DataCommand, DataContext, Entry } from "./types.js";

type HashEntry = Extract<Entry, { type: "hash" }>;

function hashFor(ctx: DataContext, key: Buffer): HashEntry {
  return readHash(ctx.db, key) ?? { type: "hash", value: new Map() };
}

function setFields(ctx: DataContext, args: Buffer[], command: string): number {
  if (args.length < 4 || args.length % 2 !== 0) fail(Errors.wrongArity(command));
  const key = arg(args, 1);
  const entry = hashFor(ctx, key);
  let added = 0;
  for (let i = 2; i < args.length; i += 2) {
    const field = latin1(arg(args, i));
    if (!entry.value.has(field)) added++;
    entry.value.set(field, arg(args, i + 1));
  }
  ctx.db.put(key, entry);
  return added;
}

function fieldValue(ctx: DataContext, key: Buffer, field: Buffer): Buffer | undefined {
  return readHash(ctx.db, key)?.value.get(latin1(field));
}

function hrandfield(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const key = arg(args, 1);
  if (args.length === 2) {
    const entry = readHash(ctx.db, key);
    if (entry === undefined) return NULL_BULK;
    return bulkLatin1(pickOne([...entry.value.keys()], ctx.random));
  }
  const count = bigIntArg(arg(args, 2));
  let withValues = false;
  if (args.length === 4 && token(args[3]) === "WITHVALUES") withValues = true;
  else if (args.length > 3) fail(Errors.syntax);
  if (withValues) checkPairCount(count);
  const entry = readHash(ctx.db, key);
  if (entry === undefined) return EMPTY_ARRAY;
  const picked = pickRandom([...entry.value], Number(count), ctx.random);
  if (!withValues) return array(picked.map(([field]) => bulkLatin1(field)));
  if (ctx.resp === 3)
    return array(picked.map(([field, value]) => array([bulkLatin1(field), bulk(value)])));
  return array(picked.flatMap(([field, value]) => [bulkLatin1(field), bulk(value)]));
}

export const fakeHashHandlers: readonly DataCommand[] = [
  define({
    name: "hset",
    arity: -4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const added = setFields(ctx, args, "hset");
      ctx.notify?.("h", "hset", arg(args, 1));
      return integer(added);
    },
  }),
  define({
    name: "hmset",
    arity: -4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      setFields(ctx, args, "hmset");
      return { type: "simple", value: "OK" };
    },
  }),
  define({
    name: "hsetnx",
    arity: 4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = hashFor(ctx, key);
      const field = latin1(arg(args, 2));
      if (entry.value.has(field)) return integer(0);
      entry.value.set(field, arg(args, 3));
      ctx.db.put(key, entry);
      ctx.notify?.("h", "hset", key);
      return integer(1);
    },
  }),
  define({
    name: "hget",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => bulkOrNull(fieldValue(ctx, arg(args, 1), arg(args, 2))),
  }),
  define({
    name: "hmget",
    arity: -3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const entry = readHash(ctx.db, arg(args, 1));
      return array(args.slice(2).map((field) => bulkOrNull(entry?.value.get(latin1(field)))));
    },
  }),
  define({
    name: "hgetall",
    arity: 2,
    flags: ["readonly", "random"],
    keys: oneKey,
    run(ctx, args) {
      const entry = readHash(ctx.db, arg(args, 1));
      return map(
        [...(entry?.value ?? [])].map(
          ([field, value]) => [bulkLatin1(field), bulk(value)] as const,
        ),
      );
    },
  }),
  define({
    name: "hkeys",
    arity: 2,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) =>
      array([...(readHash(ctx.db, arg(args, 1))?.value.keys() ?? [])].map(bulkLatin1)),
  }),
  define({
    name: "hvals",
    arity: 2,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) =>
      array([...(readHash(ctx.db, arg(args, 1))?.value.values() ?? [])].map((v) => bulk(v))),
  }),
  define({
    name: "hlen",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(readHash(ctx.db, arg(args, 1))?.value.size ?? 0),
  }),
  define({
    name: "hexists",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(fieldValue(ctx, arg(args, 1), arg(args, 2)) !== undefined),
  }),
  define({
    name: "hstrlen",
    arity: 3,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(fieldValue(ctx, arg(args, 1), arg(args, 2))?.length ?? 0),
  }),
  removeMembersCommand("hdel", "hash"),
  define({
    name: "hincrby",
    arity: 4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const delta = bigIntArg(arg(args, 3));
      const entry = hashFor(ctx, key);
      const field = latin1(arg(args, 2));
      const current = entry.value.get(field);
      const value =
        current === undefined ? 0n : current.length > 20 ? undefined : parseInt64(current);
      if (value === undefined) fail(Errors.hashNotInteger);
      const result = value + delta;
      if (!inInt64Range(result)) fail(Errors.overflow);
      entry.value.set(field, Buffer.from(result.toString()));
      ctx.db.put(key, entry);
      ctx.notify?.("h", "hincrby", key);
      return integer(result);
    },
  }),
  define({
    name: "hincrbyfloat",
    arity: 4,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const increment = latin1(arg(args, 3));
      const kind = longDoubleKind(increment);
      if (kind === undefined) fail(Errors.notFloat);
      if (kind === "infinite") fail(Errors.valueNanOrInfinity);
      const entry = hashFor(ctx, key);
      const field = latin1(arg(args, 2));
      const current = entry.value.get(field);
      const result = addFloats(current === undefined ? "0" : latin1(current), increment);
      if (!result.ok)
        fail(result.reason === "not-float" ? Errors.hashNotFloat : Errors.nanOrInfinity);
      const value = Buffer.from(result.text);
      entry.value.set(field, value);
      ctx.db.put(key, entry);
      ctx.notify?.("h", "hincrbyfloat", key);
      return bulk(value);
    },
  }),
  define({
    name: "hrandfield",
    arity: -2,
    flags: ["readonly", "random"],
    keys: oneKey,
    run: hrandfield,
  }),
  define({
    name: "hscan",
    arity: -3,
    flags: ["readonly", "random"],
    keys: oneKey,
    run(ctx, args) {
      // The server checks the cursor, then the key, and only then the options.
      parseCursor(arg(args, 2));
      const entry = readHash(ctx.db, arg(args, 1));
      if (entry === undefined) return scanReply(0n, []);
      const options = parseScanOptions(args, 2, false, "NOVALUES");
      const page = scanPage(entry.value.keys(), options.cursor, options.count, isCompact(entry));
      const items: ReplyFrame[] = [];
      for (const field of page.names) {
        const value = entry.value.get(field);
        if (value === undefined || !matches(options.pattern, field)) continue;
        items.push(bulkLatin1(field));
        if (!options.flagged) items.push(bulk(value));
      }
      return scanReply(page.next, items);
    },
  }),
];
