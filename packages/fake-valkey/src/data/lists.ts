// List commands (non-blocking). Blocking variants live in blocking.ts and
// reuse the pop/move helpers exported here.

import type { ReplyFrame } from "@petrel/protocol";
import {
  arg,
  bigIntArg,
  clampRange,
  define,
  intArg,
  multiPopArgs,
  notifyWrite,
  numKeysPositions,
  oneKey,
  readList,
  storeCollection,
  token,
} from "./command.js";
import { Errors, fail } from "./errors.js";
import { array, bulk, integer, NULL_ARRAY, NULL_BULK, OK } from "./reply.js";
import type { DataCommand, DataContext, Keyspace } from "./types.js";

export type End = "LEFT" | "RIGHT";

export function endArg(value: Buffer | undefined): End {
  const end = token(value);
  if (end !== "LEFT" && end !== "RIGHT") fail(Errors.syntax);
  return end;
}

/** Pops up to `count` items from one end; undefined when the key is absent. */
export function popItems(db: Keyspace, key: Buffer, end: End, count: number): Buffer[] | undefined {
  const entry = readList(db, key);
  if (entry === undefined) return undefined;
  const items =
    end === "LEFT" ? entry.value.splice(0, count) : entry.value.splice(-count, count).reverse();
  if (count === 0) return items;
  storeCollection(db, key, entry);
  return items;
}

/** LMOVE core: pops from source's end and pushes to destination's end; undefined when source is absent. */
export function moveItem(
  ctx: DataContext,
  source: Buffer,
  target: Buffer,
  from: End,
  to: End,
): Buffer | undefined {
  const db = ctx.db;
  const sourceEntry = readList(db, source);
  if (sourceEntry === undefined) return undefined;
  readList(db, target);
  const [item] = popItems(db, source, from, 1) as Buffer[];
  const targetEntry = readList(db, target) ?? { type: "list" as const, value: [] };
  if (to === "LEFT") targetEntry.value.unshift(item as Buffer);
  else targetEntry.value.push(item as Buffer);
  db.put(target, targetEntry);
  // The destination's push, then the source's pop (and its deletion), as the server publishes them.
  ctx.notify?.("l", to === "LEFT" ? "lpush" : "rpush", target);
  notifyWrite(ctx, "l", from === "LEFT" ? "lpop" : "rpop", source);
  return item;
}

/** LMPOP core: the first non-empty list among keys; undefined when all are absent. */
export function multiPop(
  ctx: DataContext,
  keys: Buffer[],
  end: End,
  count: number,
): ReplyFrame | undefined {
  for (const key of keys) {
    const items = popItems(ctx.db, key, end, count);
    if (items !== undefined) {
      notifyWrite(ctx, "l", end === "LEFT" ? "lpop" : "rpop", key);
      return array([bulk(key), array(items.map((item) => bulk(item)))]);
    }
  }
  return undefined;
}

/** Parses `numkeys key… LEFT|RIGHT [COUNT n]` starting at numkeys' index. */
export function parseMultiPop(
  args: Buffer[],
  numKeysIndex: number,
): { keys: Buffer[]; end: End; count: number } {
  const { keys, where, count } = multiPopArgs(args, numKeysIndex, endArg);
  return { keys, end: where, count };
}

function push(ctx: DataContext, args: Buffer[], end: End, onlyIfExists: boolean): ReplyFrame {
  const key = arg(args, 1);
  const existing = readList(ctx.db, key);
  if (existing === undefined && onlyIfExists) return integer(0);
  const entry = existing ?? { type: "list" as const, value: [] };
  for (const item of args.slice(2)) {
    if (end === "LEFT") entry.value.unshift(item);
    else entry.value.push(item);
  }
  ctx.db.put(key, entry);
  ctx.notify?.("l", end === "LEFT" ? "lpush" : "rpush", key);
  return integer(entry.value.length);
}

function pop(ctx: DataContext, args: Buffer[], end: End): ReplyFrame {
  const name = end === "LEFT" ? "lpop" : "rpop";
  if (args.length > 3) fail(Errors.wrongArity(name));
  const key = arg(args, 1);
  const count = args.length === 2 ? 1 : intArg(arg(args, 2), Errors.mustBePositive);
  if (count < 0) fail(Errors.mustBePositive);
  const items = popItems(ctx.db, key, end, count);
  if (items !== undefined && items.length > 0) {
    ctx.notify?.("l", name, key);
    // The last element gone takes the key with it.
    if (!ctx.db.has(key)) ctx.notify?.("g", "del", key);
  }
  if (args.length === 2) return bulk(items?.[0] ?? null);
  return items === undefined ? NULL_ARRAY : array(items.map((item) => bulk(item)));
}

function lpos(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const element = arg(args, 2);
  let rank = 1;
  let count: number | undefined;
  let maxLen = 0;
  for (let i = 3; i < args.length; i += 2) {
    const option = token(args[i]);
    const value = arg(args, i + 1);
    if (option === "RANK") {
      const parsed = bigIntArg(value);
      if (parsed === -(2n ** 63n)) fail(Errors.notLongRange);
      rank = Number(parsed);
      if (rank === 0) fail(Errors.lposRankZero);
    } else if (option === "COUNT") {
      count = intArg(value, Errors.lposCountNegative);
      if (count < 0) fail(Errors.lposCountNegative);
    } else if (option === "MAXLEN") {
      maxLen = intArg(value, Errors.lposMaxlenNegative);
      if (maxLen < 0) fail(Errors.lposMaxlenNegative);
    } else fail(Errors.syntax);
  }
  const list = readList(ctx.db, arg(args, 1))?.value ?? [];
  const found: number[] = [];
  const wanted = count === undefined ? 1 : count === 0 ? Number.POSITIVE_INFINITY : count;
  let skip = Math.abs(rank) - 1;
  const step = rank > 0 ? 1 : -1;
  let index = rank > 0 ? 0 : list.length - 1;
  for (let scanned = 0; index >= 0 && index < list.length; index += step, scanned++) {
    if (maxLen !== 0 && scanned >= maxLen) break;
    if ((list[index] as Buffer).equals(element)) {
      if (skip > 0) skip--;
      else {
        found.push(index);
        if (found.length >= wanted) break;
      }
    }
  }
  if (count === undefined) return found.length === 0 ? NULL_BULK : integer(found[0] as number);
  return array(found.map((i) => integer(i)));
}

export const fakeListHandlers: readonly DataCommand[] = [
  define({
    name: "lpush",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (c, a) => push(c, a, "LEFT", false),
  }),
  define({
    name: "rpush",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (c, a) => push(c, a, "RIGHT", false),
  }),
  define({
    name: "lpushx",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (c, a) => push(c, a, "LEFT", true),
  }),
  define({
    name: "rpushx",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: (c, a) => push(c, a, "RIGHT", true),
  }),
  define({
    name: "lpop",
    arity: -2,
    flags: ["write", "fast"],
    keys: oneKey,
    run: (c, a) => pop(c, a, "LEFT"),
  }),
  define({
    name: "rpop",
    arity: -2,
    flags: ["write", "fast"],
    keys: oneKey,
    run: (c, a) => pop(c, a, "RIGHT"),
  }),
  define({
    name: "llen",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(readList(ctx.db, arg(args, 1))?.value.length ?? 0),
  }),
  define({
    name: "lrange",
    arity: 4,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      const start = intArg(arg(args, 2));
      const stop = intArg(arg(args, 3));
      const list = readList(ctx.db, arg(args, 1))?.value ?? [];
      const range = clampRange(start, stop, list.length);
      return array(
        range === undefined ? [] : list.slice(range[0], range[1] + 1).map((item) => bulk(item)),
      );
    },
  }),
  define({
    name: "lindex",
    arity: 3,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      const index = intArg(arg(args, 2));
      const list = readList(ctx.db, arg(args, 1))?.value ?? [];
      return bulk(list[index < 0 ? list.length + index : index] ?? null);
    },
  }),
  define({
    name: "lset",
    arity: 4,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = readList(ctx.db, key);
      if (entry === undefined) fail(Errors.noSuchKey);
      const index = intArg(arg(args, 2));
      const position = index < 0 ? entry.value.length + index : index;
      if (position < 0 || position >= entry.value.length) fail(Errors.indexOutOfRange);
      entry.value[position] = arg(args, 3);
      ctx.db.put(key, entry);
      ctx.notify?.("l", "lset", key);
      return OK;
    },
  }),
  define({
    name: "linsert",
    arity: 5,
    flags: ["write", "denyoom"],
    keys: oneKey,
    run(ctx, args) {
      const where = token(args[2]);
      if (where !== "BEFORE" && where !== "AFTER") fail(Errors.syntax);
      const key = arg(args, 1);
      const entry = readList(ctx.db, key);
      if (entry === undefined) return integer(0);
      const pivot = entry.value.findIndex((item) => item.equals(arg(args, 3)));
      if (pivot < 0) return integer(-1);
      entry.value.splice(where === "BEFORE" ? pivot : pivot + 1, 0, arg(args, 4));
      ctx.db.put(key, entry);
      ctx.notify?.("l", "linsert", key);
      return integer(entry.value.length);
    },
  }),
  define({
    name: "lrem",
    arity: 4,
    flags: ["write"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const count = intArg(arg(args, 2));
      const element = arg(args, 3);
      const entry = readList(ctx.db, key);
      if (entry === undefined) return integer(0);
      const limit = count === 0 ? Number.POSITIVE_INFINITY : Math.abs(count);
      let removed = 0;
      if (count >= 0) {
        for (let i = 0; i < entry.value.length && removed < limit; ) {
          if ((entry.value[i] as Buffer).equals(element)) {
            entry.value.splice(i, 1);
            removed++;
          } else i++;
        }
      } else {
        for (let i = entry.value.length - 1; i >= 0 && removed < limit; i--) {
          if ((entry.value[i] as Buffer).equals(element)) {
            entry.value.splice(i, 1);
            removed++;
          }
        }
      }
      if (removed > 0) {
        storeCollection(ctx.db, key, entry);
        notifyWrite(ctx, "l", "lrem", key);
      }
      return integer(removed);
    },
  }),
  define({
    name: "ltrim",
    arity: 4,
    flags: ["write"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const start = intArg(arg(args, 2));
      const stop = intArg(arg(args, 3));
      const entry = readList(ctx.db, key);
      if (entry === undefined) return OK;
      const range = clampRange(start, stop, entry.value.length);
      entry.value = range === undefined ? [] : entry.value.slice(range[0], range[1] + 1);
      storeCollection(ctx.db, key, entry);
      notifyWrite(ctx, "l", "ltrim", key);
      return OK;
    },
  }),
  define({ name: "lpos", arity: -3, flags: ["readonly"], keys: oneKey, run: lpos }),
  define({
    name: "lmove",
    arity: 5,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: 2, step: 1 },
    run(ctx, args) {
      const from = endArg(args[3]);
      const to = endArg(args[4]);
      return bulk(moveItem(ctx, arg(args, 1), arg(args, 2), from, to) ?? null);
    },
  }),
  define({
    name: "rpoplpush",
    arity: 3,
    flags: ["write", "denyoom"],
    keys: { first: 1, last: 2, step: 1 },
    run: (ctx, args) => bulk(moveItem(ctx, arg(args, 1), arg(args, 2), "RIGHT", "LEFT") ?? null),
  }),
  define({
    name: "lmpop",
    arity: -4,
    flags: ["write"],
    keys: numKeysPositions(1),
    run(ctx, args) {
      const { keys, end, count } = parseMultiPop(args, 1);
      return multiPop(ctx, keys, end, count) ?? NULL_ARRAY;
    },
  }),
];
