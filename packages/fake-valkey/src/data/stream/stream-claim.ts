// XCLAIM and XAUTOCLAIM: moving pending entries between consumers, with the
// server's option parsing and its handling of entries deleted meanwhile
// (dropped from the PEL, and listed by XAUTOCLAIM).

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, oneKey, readStream, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { parseInt64 } from "../float.js";
import { array } from "../reply.js";
import type { DataCommand, DataContext } from "../types.js";
import {
  assignPending,
  type Consumer,
  type ConsumerGroup,
  consumerOf,
  dropPending,
  idKey,
  type PendingEntry,
  sortedByKey,
} from "./stream.js";
import { noGroupError } from "./stream-groups.js";
import { compareIds, intervalIdArg, nextId, type StreamId, strictIdArg } from "./stream-id.js";
import { entryFrame, idFrame } from "./stream-replies.js";

const latin = (value: Buffer): string => value.toString("latin1");

function int64Arg(raw: Buffer, message: string): number {
  const value = parseInt64(raw);
  if (value === undefined) fail(message);
  return Number(value);
}

function groupOf(ctx: DataContext, args: Buffer[]) {
  const entry = readStream(ctx.db, arg(args, 1));
  const group = entry?.value.groups.get(latin(arg(args, 2)));
  if (entry === undefined || group === undefined) fail(noGroupError(arg(args, 1), arg(args, 2)));
  return { stream: entry.value, group };
}

function isStrictId(raw: Buffer): boolean {
  try {
    strictIdArg(raw);
    return true;
  } catch {
    return false;
  }
}

function xclaim(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const { stream, group } = groupOf(ctx, args);
  const minIdle = Math.max(
    0,
    int64Arg(arg(args, 4), "ERR Invalid min-idle-time argument for XCLAIM"),
  );
  let j = 5;
  while (j < args.length && isStrictId(arg(args, j))) j++;
  const ids = args.slice(5, j).map((raw) => strictIdArg(raw));
  const now = ctx.clock.now();
  let deliveryTime = -1;
  let retryCount = -1;
  let force = false;
  let justId = false;
  let lastId: StreamId = { ms: 0n, seq: 0n };
  for (; j < args.length; j++) {
    const more = args.length - 1 - j;
    const option = token(args[j]);
    if (option === "FORCE") force = true;
    else if (option === "JUSTID") justId = true;
    else if (option === "IDLE" && more > 0)
      deliveryTime = now - int64Arg(arg(args, ++j), "ERR Invalid IDLE option argument for XCLAIM");
    else if (option === "TIME" && more > 0)
      deliveryTime = int64Arg(arg(args, ++j), "ERR Invalid TIME option argument for XCLAIM");
    else if (option === "RETRYCOUNT" && more > 0)
      retryCount = int64Arg(arg(args, ++j), "ERR Invalid RETRYCOUNT option argument for XCLAIM");
    else if (option === "LASTID" && more > 0) lastId = strictIdArg(arg(args, ++j));
    else fail(`ERR Unrecognized XCLAIM option '${latin(arg(args, j))}'`);
  }
  if (compareIds(lastId, group.lastId) > 0) group.lastId = lastId;
  // A bogus time (negative or in the future) means now, as on the server.
  if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  const name = latin(arg(args, 3));
  let consumer: Consumer | undefined;
  const out: ReplyFrame[] = [];
  for (const id of ids) {
    const key = idKey(id);
    let pending: PendingEntry | undefined = group.pending.get(key);
    const entry = stream.find(id);
    if (entry === undefined) {
      if (pending !== undefined) dropPending(group, pending);
      continue;
    }
    if (force && pending === undefined) {
      // A forced entry starts as delivered once, then counts this claim.
      pending = { id, consumer: undefined, deliveredAt: now, deliveries: 1 };
      group.pending.set(key, pending);
    }
    if (pending === undefined) continue;
    if (pending.consumer !== undefined && minIdle > 0 && now - pending.deliveredAt < minIdle)
      continue;
    consumer ??= consumerOf(group, name, now);
    pending.deliveredAt = deliveryTime;
    if (retryCount >= 0) pending.deliveries = retryCount;
    else if (!justId) pending.deliveries++;
    assignPending(pending, consumer);
    out.push(justId ? idFrame(id) : entryFrame(entry));
    consumer.activeAt = now;
  }
  if (consumer !== undefined) consumer.seenAt = now;
  return array(out);
}

/** COUNT's ceiling: LONG_MAX over the per-entry work factor, as the server. */
const AUTOCLAIM_MAX_COUNT = 576460752303423487n;
const AUTOCLAIM_ATTEMPTS_FACTOR = 10;

function xautoclaim(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const entry = readStream(ctx.db, arg(args, 1));
  const group: ConsumerGroup | undefined = entry?.value.groups.get(latin(arg(args, 2)));
  const minIdle = Math.max(
    0,
    int64Arg(arg(args, 4), "ERR Invalid min-idle-time argument for XAUTOCLAIM"),
  );
  const startArg = intervalIdArg(arg(args, 5), 0n);
  const start = startArg.exclusive ? nextId(startArg.id) : startArg.id;
  if (start === undefined) fail("ERR invalid start ID for the interval");
  let count = 100;
  let justId = false;
  for (let j = 6; j < args.length; j++) {
    const option = token(args[j]);
    if (option === "COUNT" && j + 1 < args.length) {
      const value = parseInt64(arg(args, ++j));
      if (value === undefined) fail(Errors.notInteger);
      if (value < 1n || value > AUTOCLAIM_MAX_COUNT) fail("ERR COUNT must be > 0");
      count = Number(value);
    } else if (option === "JUSTID") justId = true;
    else fail(Errors.syntax);
  }
  if (entry === undefined || group === undefined) fail(noGroupError(arg(args, 1), arg(args, 2)));
  const stream = entry.value;
  const now = ctx.clock.now();
  const consumer = consumerOf(group, latin(arg(args, 3)), now);
  consumer.seenAt = now;
  let attempts = count * AUTOCLAIM_ATTEMPTS_FACTOR;
  const claimed: ReplyFrame[] = [];
  const deleted: ReplyFrame[] = [];
  const pending = sortedByKey(group.pending.values()).filter(
    (item) => compareIds(item.id, start) >= 0,
  );
  let index = 0;
  while (attempts-- > 0 && count > 0 && index < pending.length) {
    const item = pending[index++] as PendingEntry;
    const found = stream.find(item.id);
    if (found === undefined) {
      dropPending(group, item);
      deleted.push(idFrame(item.id));
      count--;
      continue;
    }
    if (minIdle > 0 && now - item.deliveredAt < minIdle) continue;
    assignPending(item, consumer);
    item.deliveredAt = now;
    if (!justId) item.deliveries++;
    claimed.push(justId ? idFrame(item.id) : entryFrame(found));
    count--;
    consumer.activeAt = now;
  }
  const next = pending[index];
  return array([
    idFrame(next === undefined ? { ms: 0n, seq: 0n } : next.id),
    array(claimed),
    array(deleted),
  ]);
}

export const fakeStreamClaimHandlers: readonly DataCommand[] = [
  define({ name: "xclaim", arity: -6, flags: ["write", "fast"], keys: oneKey, run: xclaim }),
  define({
    name: "xautoclaim",
    arity: -6,
    flags: ["write", "fast"],
    keys: oneKey,
    run: xautoclaim,
  }),
];
