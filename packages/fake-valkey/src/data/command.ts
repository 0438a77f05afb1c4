// Shared plumbing for data commands: the definition helper that turns thrown
// DataErrors into error replies, typed value access (WRONGTYPE), and argument
// parsing with the server's error strings.

import type { ReplyFrame } from "@petrel/protocol";
import { DataError, Errors, fail } from "./errors.js";
import { parseDouble, parseInt64 } from "./float.js";
import type {
  DataCommand,
  DataCommandFlag,
  DataContext,
  DataResult,
  Entry,
  Keyspace,
} from "./types.js";

export interface CommandDefinition {
  readonly name: string;
  readonly group?: string;
  readonly arity: number;
  readonly flags: readonly DataCommandFlag[];
  readonly keys: DataCommand["keys"];
  run(ctx: DataContext, args: Buffer[]): DataResult;
}

export function define(definition: CommandDefinition): DataCommand {
  const { run } = definition;
  return {
    name: definition.name,
    ...(definition.group === undefined ? {} : { group: definition.group }),
    arity: definition.arity,
    flags: definition.flags,
    keys: definition.keys,
    run(ctx, args) {
      try {
        return run(ctx, args);
      } catch (error) {
        if (error instanceof DataError) return { type: "error", value: error.message };
        throw error;
      }
    },
  };
}

/** Runs a function that may throw a DataError (a blocked attempt, for one). */
export function guarded(fn: () => ReplyFrame | undefined): ReplyFrame | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DataError) return { type: "error", value: error.message };
    throw error;
  }
}

export const oneKey = { first: 1, last: 1, step: 1 } as const;
export const allKeys = { first: 1, last: -1, step: 1 } as const;
export const noKeys = { first: 0, last: 0, step: 0 } as const;

type EntryOf<T extends Entry["type"]> = Extract<Entry, { type: T }>;

function typed<T extends Entry["type"]>(
  db: Keyspace,
  key: Buffer,
  type: T,
): EntryOf<T> | undefined {
  const entry = db.get(key);
  if (entry === undefined) return undefined;
  if (entry.type !== type) fail(Errors.wrongType);
  return entry as EntryOf<T>;
}

export function readString(db: Keyspace, key: Buffer): EntryOf<"string"> | undefined {
  return typed(db, key, "string");
}
export function readList(db: Keyspace, key: Buffer): EntryOf<"list"> | undefined {
  return typed(db, key, "list");
}
export function readHash(db: Keyspace, key: Buffer): EntryOf<"hash"> | undefined {
  return typed(db, key, "hash");
}
export function readSet(db: Keyspace, key: Buffer): EntryOf<"set"> | undefined {
  return typed(db, key, "set");
}
export function readZset(db: Keyspace, key: Buffer): EntryOf<"zset"> | undefined {
  return typed(db, key, "zset");
}
export function readStream(db: Keyspace, key: Buffer): EntryOf<"stream"> | undefined {
  return typed(db, key, "stream");
}

/** Stores a collection back (bumping its version), or deletes it when empty. */
/** Publishes a write's event, then `del` when the write emptied the key (as the server orders them). */
export function notifyWrite(ctx: DataContext, type: string, event: string, key: Buffer): void {
  if (ctx.notify === undefined) return;
  ctx.notify(type, event, key);
  if (!ctx.db.has(key)) ctx.notify("g", "del", key);
}

/** A *STORE command's result: stored with its event, or the destination deleted (`del`) when empty. */
export function storeResult(
  ctx: DataContext,
  target: Buffer,
  entry: Entry,
  type: string,
  event: string,
): void {
  if (collectionSize(entry) === 0) {
    if (ctx.db.delete(target)) ctx.notify?.("g", "del", target);
    return;
  }
  ctx.db.put(target, entry);
  ctx.notify?.(type, event, target);
}

function collectionSize(entry: Entry): number {
  if (entry.type === "string" || entry.type === "stream") return 1;
  return entry.type === "list" ? entry.value.length : entry.value.size;
}

export function storeCollection(db: Keyspace, key: Buffer, entry: Entry): void {
  if (collectionSize(entry) === 0) db.delete(key);
  else db.put(key, entry);
}

export function token(arg: Buffer | undefined): string {
  return arg === undefined ? "" : arg.toString("latin1").toUpperCase();
}

export function latin1(arg: Buffer): string {
  return arg.toString("latin1");
}

export function arg(args: readonly Buffer[], index: number): Buffer {
  const value = args[index];
  if (value === undefined) fail(Errors.syntax);
  return value;
}

export function bigIntArg(value: Buffer, message: string = Errors.notInteger): bigint {
  const parsed = parseInt64(value);
  if (parsed === undefined) fail(message);
  return parsed;
}

/** An int64 argument as a number (precision beyond 2^53 is irrelevant for indexes and counts). */
export function intArg(value: Buffer, message: string = Errors.notInteger): number {
  return Number(bigIntArg(value, message));
}

export function doubleArg(value: Buffer, message: string = Errors.notFloat): number {
  const parsed = parseDouble(value);
  if (parsed === undefined) fail(message);
  return parsed;
}

/** 2^63: the first double above LLONG_MAX (which a double cannot hold). */
const BEYOND_LLONG_MAX = 2 ** 63;

/**
 * Blocking timeout in seconds (a float) to milliseconds, rounded up as Valkey
 * does (so -0.0001 is 0); 0 = forever. A deadline beyond the int64 range of
 * milliseconds from `now` is out of range.
 */
export function timeoutArg(value: Buffer, now: number): number {
  const seconds = parseDouble(value);
  if (seconds === undefined || Number.isNaN(seconds)) fail(Errors.timeoutNotFloat);
  const ms = seconds * 1000;
  if (ms >= BEYOND_LLONG_MAX) fail(Errors.timeoutOutOfRange);
  const timeout = Math.ceil(ms) + 0;
  if (timeout < 0) fail(Errors.timeoutNegative);
  if (timeout >= BEYOND_LLONG_MAX - now) fail(Errors.timeoutOutOfRange);
  return timeout;
}

/** numkeys for commands like SINTERCARD and LMPOP: > 0 and not beyond the arguments. */
export function numKeysArg(
  args: Buffer[],
  index: number,
  tooMany: string = Errors.numkeysTooMany,
): number {
  const count = intArg(arg(args, index), Errors.numkeysPositive);
  if (count <= 0) fail(Errors.numkeysPositive);
  if (count > args.length - index - 1) fail(tooMany);
  return count;
}

/** Parses SINTERCARD / ZINTERCARD's `[LIMIT n]` tail from `from`; 0 means no limit. */
export function cardinalityLimitArg(args: Buffer[], from: number): number {
  let limit = 0;
  for (let i = from; i < args.length; i++) {
    if (token(args[i]) === "LIMIT" && i + 1 < args.length) {
      limit = intArg(arg(args, i + 1), Errors.limitNegative);
      if (limit < 0) fail(Errors.limitNegative);
      i++;
    } else fail(Errors.syntax);
  }
  return limit;
}

/**
 * Parses `numkeys key… <where> [COUNT n]` (LMPOP, ZMPOP and their blocking
 * forms) starting at numkeys' index; `parseWhere` reads the direction token.
 */
export function multiPopArgs<Where>(
  args: Buffer[],
  numKeysIndex: number,
  parseWhere: (value: Buffer | undefined) => Where,
): { keys: Buffer[]; where: Where; count: number } {
  const numKeys = numKeysArg(args, numKeysIndex, Errors.syntax);
  const keys = args.slice(numKeysIndex + 1, numKeysIndex + 1 + numKeys);
  let index = numKeysIndex + 1 + numKeys;
  const where = parseWhere(args[index++]);
  let count = 1;
  let countSeen = false;
  while (index < args.length) {
    if (token(args[index]) === "COUNT" && !countSeen && index + 1 < args.length) {
      count = intArg(arg(args, index + 1), Errors.countPositive);
      if (count <= 0) fail(Errors.countPositive);
      countSeen = true;
      index += 2;
    } else fail(Errors.syntax);
  }
  return { keys, where, count };
}

/** Key positions for `cmd numkeys key…` shapes, for the server's routing. */
export function numKeysPositions(numKeysIndex: number): (args: Buffer[]) => number[] {
  return (args) => {
    const raw = args[numKeysIndex];
    const count = raw === undefined ? 0 : Number(parseInt64(raw) ?? 0n);
    const positions: number[] = [];
    for (let i = 0; i < count && numKeysIndex + 1 + i < args.length; i++)
      positions.push(numKeysIndex + 1 + i);
    return positions;
  };
}

/** Normalises a [start, stop] index pair (negative from the end) to a clamped range, or undefined when empty. */
export function clampRange(
  start: number,
  stop: number,
  length: number,
): [number, number] | undefined {
  let from = start < 0 ? length + start : start;
  let to = stop < 0 ? length + stop : stop;
  if (from < 0) from = 0;
  if (from > to || from >= length) return undefined;
  if (to >= length) to = length - 1;
  return [from, to];
}

/** Fisher–Yates pick of `count` distinct indexes using the seeded random. */
export function distinctIndexes(length: number, count: number, random: () => number): number[] {
  const indexes = Array.from({ length }, (_, i) => i);
  const take = Math.min(count, length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (length - i));
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes.slice(0, take);
}
