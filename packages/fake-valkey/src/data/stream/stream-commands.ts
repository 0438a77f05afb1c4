// XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM and XSETID.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg, oneKey, readStream, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { array, EMPTY_ARRAY, integer, NULL_ARRAY, NULL_BULK, OK } from "../reply.js";
import type { DataCommand, DataContext } from "../types.js";
import { Stream } from "./stream.js";
import {
  compareIds,
  intervalIdArg,
  isZeroId,
  MAX_ID,
  MAX_U64,
  nextId,
  previousId,
  type StreamId,
  strictIdArg,
} from "./stream-id.js";
import { entryFrame, idFrame } from "./stream-replies.js";
import { parseTrimArguments } from "./stream-trim.js";

export const XaddErrors = {
  notGreater: "ERR The ID specified in XADD is equal or smaller than the target stream top item",
  zero: "ERR The ID specified in XADD must be greater than 0-0",
  exhausted: "ERR The stream has exhausted the last possible ID, unable to add more items",
} as const;

/** The ID XADD assigns: `*` from the clock, `<ms>-*` from the last ID, or as given. */
function newEntryId(stream: Stream, given: StreamId | undefined, seqGiven: boolean, now: number) {
  const last = stream.lastId;
  let id: StreamId;
  if (given === undefined) {
    const ms = BigInt(now);
    id = last.ms >= ms ? (nextId(last) as StreamId) : { ms, seq: 0n };
  } else if (!seqGiven && last.ms === given.ms) {
    if (last.seq === MAX_U64) fail(XaddErrors.notGreater);
    id = { ms: last.ms, seq: last.seq + 1n };
  } else id = given;
  if (compareIds(id, last) <= 0) fail(XaddErrors.notGreater);
  return id;
}

function xadd(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const key = arg(args, 1);
  const parsed = parseTrimArguments(args, true);
  const fieldCount = args.length - parsed.next - 1;
  if (fieldCount < 2 || fieldCount % 2 === 1) fail(Errors.wrongArity("xadd"));
  if (parsed.id !== undefined && parsed.seqGiven && isZeroId(parsed.id)) fail(XaddErrors.zero);
  const existing = readStream(ctx.db, key);
  if (existing === undefined && parsed.noMkStream) return NULL_BULK;
  const entry = existing ?? { type: "stream" as const, value: new Stream() };
  const stream = entry.value;
  if (compareIds(stream.lastId, MAX_ID) === 0) fail(XaddErrors.exhausted);
  const id = newEntryId(stream, parsed.id, parsed.seqGiven, ctx.clock.now());
  stream.append(id, args.slice(parsed.next + 1));
  const trimmed =
    parsed.strategy === undefined ? 0 : stream.trim(parsed.strategy, parsed.approx, parsed.limit);
  ctx.db.put(key, entry);
  ctx.notify?.("t", "xadd", key);
  if (trimmed > 0) ctx.notify?.("t", "xtrim", key);
  return idFrame(id);
}

function xrange(ctx: DataContext, args: Buffer[], reverse: boolean): ReplyFrame {
  const startArg = intervalIdArg(arg(args, reverse ? 3 : 2), 0n);
  let start: StreamId | undefined = startArg.id;
  if (startArg.exclusive) start = nextId(start);
  if (start === undefined) fail("ERR invalid start ID for the interval");
  const endArg = intervalIdArg(arg(args, reverse ? 2 : 3), MAX_U64);
  let end: StreamId | undefined = endArg.id;
  if (endArg.exclusive) end = previousId(end);
  if (end === undefined) fail("ERR invalid end ID for the interval");
  let count = -1;
  for (let i = 4; i < args.length; i++) {
    if (token(args[i]) === "COUNT" && i + 1 < args.length) {
      count = Math.max(0, intArg(arg(args, ++i)));
    } else fail(Errors.syntax);
  }
  if (count === 0) return NULL_ARRAY;
  const entry = readStream(ctx.db, arg(args, 1));
  if (entry === undefined) return EMPTY_ARRAY;
  const out: ReplyFrame[] = [];
  for (const item of entry.value.range(start, end, reverse)) {
    if (count >= 0 && out.length >= count) break;
    out.push(entryFrame(item));
  }
  return array(out);
}

const xsetidErrors = {
  belowMaxDeleted:
    "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
  entriesAddedBelowLength:
    "ERR The entries_added specified in XSETID is smaller than the target stream length",
  belowTop: "ERR The ID specified in XSETID is smaller than the target stream top item",
  entriesAddedNegative: "ERR entries_added must be positive",
} as const;

function xsetid(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const id = strictIdArg(arg(args, 2));
  let entriesAdded = -1;
  let maxDeleted: StreamId = { ms: 0n, seq: 0n };
  for (let i = 3; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "ENTRIESADDED" && i + 1 < args.length) {
      entriesAdded = intArg(arg(args, ++i));
      if (entriesAdded < 0) fail(xsetidErrors.entriesAddedNegative);
    } else if (option === "MAXDELETEDID" && i + 1 < args.length) {
      maxDeleted = strictIdArg(arg(args, ++i));
      if (compareIds(id, maxDeleted) < 0) fail(xsetidErrors.belowMaxDeleted);
    } else fail(Errors.syntax);
  }
  const entry = readStream(ctx.db, arg(args, 1));
  if (entry === undefined) fail(Errors.noSuchKey);
  const stream = entry.value;
  if (entriesAdded !== -1 && stream.length > entriesAdded)
    fail(xsetidErrors.entriesAddedBelowLength);
  const top = stream.last()?.id;
  if (top !== undefined && compareIds(id, top) < 0) fail(xsetidErrors.belowTop);
  stream.lastId = id;
  if (entriesAdded !== -1) stream.entriesAdded = entriesAdded;
  if (!isZeroId(maxDeleted)) stream.maxDeletedId = maxDeleted;
  ctx.db.put(arg(args, 1), entry);
  ctx.notify?.("t", "xsetid", arg(args, 1));
  return OK;
}

export const fakeStreamHandlers: readonly DataCommand[] = [
  define({
    name: "xadd",
    arity: -5,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: xadd,
  }),
  define({
    name: "xlen",
    arity: 2,
    flags: ["readonly", "fast"],
    keys: oneKey,
    run: (ctx, args) => integer(readStream(ctx.db, arg(args, 1))?.value.length ?? 0),
  }),
  define({
    name: "xrange",
    arity: -4,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) => xrange(ctx, args, false),
  }),
  define({
    name: "xrevrange",
    arity: -4,
    flags: ["readonly"],
    keys: oneKey,
    run: (ctx, args) => xrange(ctx, args, true),
  }),
  define({
    name: "xdel",
    arity: -3,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      // Every ID is checked before anything is deleted.
      const ids = args.slice(2).map((raw) => strictIdArg(raw));
      const key = arg(args, 1);
      const entry = readStream(ctx.db, key);
      if (entry === undefined) return integer(0);
      let deleted = 0;
      for (const id of ids) if (entry.value.delete(id)) deleted++;
      if (deleted > 0) {
        ctx.db.put(key, entry);
        ctx.notify?.("t", "xdel", key);
      }
      return integer(deleted);
    },
  }),
  define({
    name: "xtrim",
    arity: -4,
    flags: ["write"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const entry = readStream(ctx.db, key);
      if (entry === undefined) return integer(0);
      const parsed = parseTrimArguments(args, false);
      const strategy = parsed.strategy;
      if (strategy === undefined) return fail(Errors.syntax);
      const deleted = entry.value.trim(strategy, parsed.approx, parsed.limit);
      if (deleted > 0) {
        ctx.db.put(key, entry);
        ctx.notify?.("t", "xtrim", key);
      }
      return integer(deleted);
    },
  }),
  define({
    name: "xsetid",
    arity: -3,
    flags: ["write", "denyoom", "fast"],
    keys: oneKey,
    run: xsetid,
  }),
];
