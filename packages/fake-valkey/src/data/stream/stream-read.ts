// XREAD and XREADGROUP, with BLOCK parked on the server's blocking machinery
// and woken when the stream grows (XADD touches the key). Replies are
// `[[key, entries]…]` in RESP2 and a map in RESP3; nothing to read is a null
// array, as on the server.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, guarded, intArg, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { parseInt64 } from "../float.js";
import { array, bulk, map, NULL_ARRAY } from "../reply.js";
import type { DataCommand, DataContext, DataResult } from "../types.js";
import {
  assignPending,
  type Consumer,
  type ConsumerGroup,
  consumerOf,
  idKey,
  type PendingEntry,
  type Stream,
  sortedByKey,
} from "./stream.js";
import { compareIds, MAX_ID, nextId, type StreamId, strictIdArg } from "./stream-id.js";
import { deletedEntryFrame, entryFrame } from "./stream-replies.js";

interface ReadRequest {
  readonly group: { readonly name: Buffer; readonly consumer: string } | undefined;
  readonly noAck: boolean;
  /** 0: no limit. */
  readonly count: number;
  /** Undefined without BLOCK; 0 blocks forever. */
  readonly blockMs: number | undefined;
  readonly keys: Buffer[];
  /** After `$` is resolved; MAX_ID stands for `>`. */
  readonly ids: StreamId[];
}

function streamOf(ctx: DataContext, key: Buffer): Stream | undefined {
  const entry = ctx.db.get(key);
  if (entry === undefined) return undefined;
  if (entry.type !== "stream") fail(Errors.wrongType);
  return entry.value;
}

/** BLOCK's milliseconds, as the server's getTimeoutFromObjectOrReply in milliseconds. */
function blockArg(raw: Buffer): number {
  const value = parseInt64(raw);
  if (value === undefined) fail("ERR timeout is not an integer or out of range");
  if (value < 0n) fail(Errors.timeoutNegative);
  return Number(value);
}

function parseRead(ctx: DataContext, args: Buffer[], grouped: boolean): ReadRequest {
  let blockMs: number | undefined;
  let count = 0;
  let streamsAt = 0;
  let group: ReadRequest["group"];
  let noAck = false;
  const name = grouped ? "xreadgroup" : "xread";
  for (let i = 1; i < args.length; i++) {
    const more = args.length - i - 1;
    const option = token(args[i]);
    if (option === "BLOCK" && more > 0) blockMs = blockArg(arg(args, ++i));
    else if (option === "COUNT" && more > 0) count = Math.max(0, intArg(arg(args, ++i)));
    else if (option === "STREAMS" && more > 0) {
      streamsAt = i + 1;
      if ((args.length - streamsAt) % 2 !== 0) {
        fail(
          `ERR Unbalanced '${name}' list of streams: for each stream key an ID or '${grouped ? ">" : "$"}' must be specified.`,
        );
      }
      break;
    } else if (option === "GROUP" && more >= 2) {
      if (!grouped)
        fail("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
      group = { name: arg(args, i + 1), consumer: arg(args, i + 2).toString("latin1") };
      i += 2;
    } else if (option === "NOACK") {
      if (!grouped)
        fail("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
      noAck = true;
    } else fail(Errors.syntax);
  }
  if (streamsAt === 0) fail(Errors.syntax);
  if (grouped && group === undefined) fail("ERR Missing GROUP option for XREADGROUP");
  const half = (args.length - streamsAt) / 2;
  const keys = args.slice(streamsAt, streamsAt + half);
  const ids: StreamId[] = [];
  for (let i = 0; i < half; i++) {
    const key = keys[i] as Buffer;
    const stream = streamOf(ctx, key);
    if (group !== undefined && (stream === undefined || !stream.groups.has(latin(group.name)))) {
      fail(
        `NOGROUP No such key '${latin(key)}' or consumer group '${latin(group.name)}' in XREADGROUP with GROUP option`,
      );
    }
    const raw = arg(args, streamsAt + half + i);
    const text = latin(raw);
    if (text === "$") {
      if (grouped)
        fail(
          "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.",
        );
      ids.push(stream?.lastId ?? { ms: 0n, seq: 0n });
    } else if (text === ">") {
      if (!grouped)
        fail(
          "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.",
        );
      ids.push(MAX_ID);
    } else ids.push(strictIdArg(raw));
  }
  return { group, noAck, count, blockMs, keys, ids };
}

function latin(value: Buffer): string {
  return value.toString("latin1");
}

/** Where a group read delivers: the consumer (created if new) and the first ID to read. */
interface GroupRead {
  readonly stream: Stream;
  readonly group: ConsumerGroup;
  readonly consumer: Consumer;
  readonly start: StreamId;
  readonly request: ReadRequest;
  readonly now: number;
}

/** New entries for a group: delivered, added to the PEL unless NOACK. */
function deliverNew({ stream, group, consumer, start, request, now }: GroupRead): ReplyFrame[] {
  const out: ReplyFrame[] = [];
  for (const entry of stream.range(start, MAX_ID)) {
    if (request.count > 0 && out.length >= request.count) break;
    stream.advanceGroup(group, entry.id);
    if (!request.noAck) {
      const key = idKey(entry.id);
      let pending: PendingEntry | undefined = group.pending.get(key);
      if (pending === undefined) {
        pending = { id: entry.id, consumer: undefined, deliveredAt: now, deliveries: 1 };
        group.pending.set(key, pending);
      } else {
        pending.deliveredAt = now;
        pending.deliveries = 1;
      }
      assignPending(pending, consumer);
    }
    consumer.activeAt = now;
    out.push(entryFrame(entry));
  }
  return out;
}

/** A consumer's own pending entries from `start` on (a history read). */
function deliverHistory({ stream, consumer, start, request, now }: GroupRead): ReplyFrame[] {
  const out: ReplyFrame[] = [];
  for (const pending of sortedByKey(consumer.pending.values())) {
    if (compareIds(pending.id, start) < 0) continue;
    if (request.count > 0 && out.length >= request.count) break;
    const entry = stream.find(pending.id);
    if (entry === undefined) {
      out.push(deletedEntryFrame(pending.id));
      continue;
    }
    pending.deliveredAt = now;
    pending.deliveries++;
    out.push(entryFrame(entry));
  }
  return out;
}

/** Serves what can be served now; undefined when nothing (the caller blocks or answers null). */
function serve(ctx: DataContext, request: ReadRequest): ReplyFrame | undefined {
  const now = ctx.clock.now();
  const served: [Buffer, ReplyFrame][] = [];
  request.keys.forEach((key, index) => {
    const stream = streamOf(ctx, key);
    if (stream === undefined) return;
    let after = request.ids[index] as StreamId;
    const top = stream.last()?.id;
    if (request.group !== undefined) {
      const group = stream.groups.get(latin(request.group.name)) as ConsumerGroup;
      const history = compareIds(after, MAX_ID) !== 0;
      if (!history && (top === undefined || compareIds(top, group.lastId) <= 0)) {
        consumerOf(group, request.group.consumer, now).seenAt = now;
        return;
      }
      if (!history) after = group.lastId;
      const consumer = consumerOf(group, request.group.consumer, now);
      const start = nextId(after);
      const read =
        start === undefined ? undefined : { stream, group, consumer, start, request, now };
      const entries = read === undefined ? [] : history ? deliverHistory(read) : deliverNew(read);
      consumer.seenAt = now;
      served.push([key, array(entries)]);
      return;
    }
    if (top !== undefined && compareIds(top, after) > 0) {
      const start = nextId(after) as StreamId;
      const entries: ReplyFrame[] = [];
      for (const entry of stream.range(start, MAX_ID)) {
        if (request.count > 0 && entries.length >= request.count) break;
        entries.push(entryFrame(entry));
      }
      served.push([key, array(entries)]);
    }
  });
  if (served.length === 0) return undefined;
  // Group state changes do not touch the key (no WATCH abort), as on the server.
  if (ctx.resp === 3) return map(served.map(([key, entries]) => [bulk(key), entries]));
  return array(served.map(([key, entries]) => array([bulk(key), entries])));
}

/** Once blocked: a deleted key or group ends an XREADGROUP with the server's errors. */
function attemptBlocked(ctx: DataContext, request: ReadRequest): ReplyFrame | undefined {
  if (request.group !== undefined) {
    for (const key of request.keys) {
      const entry = ctx.db.get(key);
      if (entry === undefined || entry.type !== "stream")
        return { type: "error", value: "UNBLOCKED the stream key no longer exists" };
      if (!entry.value.groups.has(latin(request.group.name)))
        return {
          type: "error",
          value: "NOGROUP the consumer group this client was blocked on no longer exists",
        };
    }
  }
  return serve(ctx, request);
}

function read(ctx: DataContext, args: Buffer[], grouped: boolean): DataResult {
  const request = parseRead(ctx, args, grouped);
  const reply = serve(ctx, request);
  if (reply !== undefined) return reply;
  if (request.blockMs === undefined) return NULL_ARRAY;
  return {
    block: {
      keys: request.keys,
      timeoutMs: request.blockMs,
      attempt: (c) => guarded(() => attemptBlocked(c, request)),
      timeoutReply: () => NULL_ARRAY,
    },
  };
}

/** The keys after STREAMS (half of what follows it), as the server's xreadGetKeys. */
export function readKeyPositions(args: Buffer[]): number[] {
  let streams = -1;
  for (let i = 1; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "BLOCK" || option === "COUNT") i++;
    else if (option === "GROUP") i += 2;
    else if (option === "NOACK") continue;
    else if (option === "STREAMS") {
      streams = i;
      break;
    } else break;
  }
  const count = args.length - streams - 1;
  if (streams < 0 || count === 0 || count % 2 !== 0) return [];
  return Array.from({ length: count / 2 }, (_, i) => streams + 1 + i);
}

export const fakeStreamReadHandlers: readonly DataCommand[] = [
  define({
    name: "xread",
    arity: -4,
    flags: ["readonly", "blocking"],
    keys: readKeyPositions,
    run: (ctx, args) => read(ctx, args, false),
  }),
  define({
    name: "xreadgroup",
    arity: -7,
    flags: ["write", "blocking"],
    keys: readKeyPositions,
    run: (ctx, args) => read(ctx, args, true),
  }),
];
