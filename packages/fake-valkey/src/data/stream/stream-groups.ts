// XGROUP CREATE|SETID|DESTROY|CREATECONSUMER|DELCONSUMER, XACK and XPENDING.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg, oneKey, readStream, token } from "../command.js";
import { fail } from "../errors.js";
import { array, bulk, bulkLatin1, integer, NULL_ARRAY, NULL_BULK, OK } from "../reply.js";
import type { DataCommand, DataContext, Entry } from "../types.js";
import { type ConsumerGroup, dropPending, idKey, Stream, sortedByKey } from "./stream.js";
import {
  compareIds,
  intervalIdArg,
  MAX_U64,
  nextId,
  parseStreamId,
  previousId,
  type StreamId,
  strictIdArg,
} from "./stream-id.js";
import { idFrame } from "./stream-replies.js";

type StreamEntryOf = Extract<Entry, { type: "stream" }>;

const latin = (value: Buffer): string => value.toString("latin1");

export function noGroupError(key: Buffer, group: Buffer): string {
  return `NOGROUP No such key '${latin(key)}' or consumer group '${latin(group)}'`;
}

function subcommandSyntaxError(args: Buffer[]): never {
  return fail(
    `ERR unknown subcommand or wrong number of arguments for '${latin(arg(args, 1))}'. Try XGROUP HELP.`,
  );
}

const MISSING_KEY =
  "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";

/** ENTRIESREAD's value: an integer ≥ 0, or -1 for "unknown". */
function entriesReadArg(raw: Buffer): number {
  const value = intArg(raw);
  if (value < 0 && value !== -1) fail("ERR value for ENTRIESREAD must be positive or -1");
  return value;
}

/** The stream and group an XGROUP subcommand acts on, with the server's checks in order. */
function target(
  ctx: DataContext,
  args: Buffer[],
  needsGroup: boolean,
): { entry: StreamEntryOf; group: ConsumerGroup | undefined } {
  const entry = readStream(ctx.db, arg(args, 2));
  if (entry === undefined) fail(MISSING_KEY);
  const group = entry.value.groups.get(latin(arg(args, 3)));
  if (group === undefined && needsGroup) {
    fail(
      `NOGROUP No such consumer group '${latin(arg(args, 3))}' for key name '${latin(arg(args, 2))}'`,
    );
  }
  return { entry, group };
}

function sub(name: string, arity: number, run: DataCommand["run"]): DataCommand {
  return define({
    name: `xgroup|${name}`,
    arity,
    flags: name === "createconsumer" ? ["write", "denyoom"] : ["write"],
    keys: { first: 2, last: 2, step: 1 },
    run,
  });
}

/** XGROUP's subcommands, for the server's container. */
export const xgroupSubcommands: readonly DataCommand[] = [
  sub("create", -5, (ctx, args) => {
    let mkStream = false;
    let entriesRead = -1;
    for (let i = 5; i < args.length; i++) {
      const option = token(args[i]);
      if (option === "MKSTREAM") mkStream = true;
      else if (option === "ENTRIESREAD" && i + 1 < args.length)
        entriesRead = entriesReadArg(arg(args, ++i));
      else subcommandSyntaxError(args);
    }
    const key = arg(args, 2);
    let entry = readStream(ctx.db, key);
    if (entry === undefined && !mkStream) fail(MISSING_KEY);
    if (args.length > 8) subcommandSyntaxError(args);
    const raw = arg(args, 4);
    const id = latin(raw) === "$" ? (entry?.value.lastId ?? { ms: 0n, seq: 0n }) : strictIdArg(raw);
    if (entry === undefined) {
      entry = { type: "stream", value: new Stream() };
      ctx.db.put(key, entry);
    }
    const name = latin(arg(args, 3));
    if (entry.value.groups.has(name)) fail("BUSYGROUP Consumer Group name already exists");
    entry.value.groups.set(name, {
      name,
      lastId: id,
      entriesRead,
      pending: new Map(),
      consumers: new Map(),
    });
    ctx.notify?.("t", "xgroup-create", key);
    return OK;
  }),
  sub("setid", -5, (ctx, args) => {
    const { entry, group } = target(ctx, args, true);
    if (args.length !== 5 && args.length !== 7) subcommandSyntaxError(args);
    const raw = arg(args, 4);
    const id = latin(raw) === "$" ? entry.value.lastId : parseStreamId(raw, 0n, false).id;
    let entriesRead = -1;
    if (args.length === 7) {
      if (token(args[5]) !== "ENTRIESREAD") subcommandSyntaxError(args);
      entriesRead = entriesReadArg(arg(args, 6));
    }
    const found = group as ConsumerGroup;
    found.lastId = id;
    found.entriesRead = entriesRead;
    ctx.notify?.("t", "xgroup-setid", arg(args, 2));
    return OK;
  }),
  sub("destroy", 4, (ctx, args) => {
    const { entry, group } = target(ctx, args, false);
    if (group === undefined) return integer(0);
    entry.value.groups.delete(group.name);
    // Clients blocked in XREADGROUP on this group learn it is gone.
    ctx.db.put(arg(args, 2), entry);
    ctx.notify?.("t", "xgroup-destroy", arg(args, 2));
    return integer(1);
  }),
  sub("createconsumer", 5, (ctx, args) => {
    const group = target(ctx, args, true).group as ConsumerGroup;
    const name = latin(arg(args, 4));
    if (group.consumers.has(name)) return integer(0);
    const now = ctx.clock.now();
    group.consumers.set(name, { name, seenAt: now, activeAt: -1, pending: new Map() });
    ctx.notify?.("t", "xgroup-createconsumer", arg(args, 2));
    return integer(1);
  }),
  sub("delconsumer", 5, (ctx, args) => {
    const group = target(ctx, args, true).group as ConsumerGroup;
    const consumer = group.consumers.get(latin(arg(args, 4)));
    if (consumer === undefined) return integer(0);
    const pending = consumer.pending.size;
    for (const entry of [...consumer.pending.values()]) dropPending(group, entry);
    group.consumers.delete(consumer.name);
    ctx.notify?.("t", "xgroup-delconsumer", arg(args, 2));
    return integer(pending);
  }),
];

function xpending(ctx: DataContext, args: Buffer[]): ReplyFrame {
  if (args.length !== 3 && (args.length < 6 || args.length > 9)) fail("ERR syntax error");
  let minIdle = 0;
  let range: { start: StreamId; end: StreamId; count: number; consumer?: string } | undefined;
  if (args.length >= 6) {
    let at = 3;
    if (token(args[3]) === "IDLE") {
      minIdle = intArg(arg(args, 4));
      if (args.length < 8) fail("ERR syntax error");
      at += 2;
    }
    const count = Math.max(0, intArg(arg(args, at + 2)));
    const startArg = intervalIdArg(arg(args, at), 0n);
    const start = startArg.exclusive ? nextId(startArg.id) : startArg.id;
    if (start === undefined) fail("ERR invalid start ID for the interval");
    const endArg = intervalIdArg(arg(args, at + 1), MAX_U64);
    const end = endArg.exclusive ? previousId(endArg.id) : endArg.id;
    if (end === undefined) fail("ERR invalid end ID for the interval");
    range = { start, end, count };
    if (at + 3 < args.length) range.consumer = latin(arg(args, at + 3));
  }
  const key = arg(args, 1);
  const entry = readStream(ctx.db, key);
  const group = entry?.value.groups.get(latin(arg(args, 2)));
  if (group === undefined) fail(noGroupError(key, arg(args, 2)));
  if (range === undefined) {
    const pending = sortedByKey(group.pending.values());
    const first = pending[0];
    const last = pending[pending.length - 1];
    if (first === undefined || last === undefined)
      return array([integer(0), NULL_BULK, NULL_BULK, NULL_ARRAY]);
    const consumers = [...group.consumers.values()]
      .filter((consumer) => consumer.pending.size > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((consumer) => array([bulkLatin1(consumer.name), bulk(String(consumer.pending.size))]));
    return array([integer(pending.length), idFrame(first.id), idFrame(last.id), array(consumers)]);
  }
  const source =
    range.consumer === undefined ? group.pending : group.consumers.get(range.consumer)?.pending;
  if (source === undefined) return array([]);
  const now = ctx.clock.now();
  const out: ReplyFrame[] = [];
  for (const pending of sortedByKey(source.values())) {
    if (out.length >= range.count) break;
    if (compareIds(pending.id, range.start) < 0 || compareIds(pending.id, range.end) > 0) continue;
    const idle = now - pending.deliveredAt;
    if (minIdle > 0 && idle < minIdle) continue;
    out.push(
      array([
        idFrame(pending.id),
        bulkLatin1(pending.consumer?.name ?? ""),
        integer(idle),
        integer(pending.deliveries),
      ]),
    );
  }
  return array(out);
}

export const fakeStreamGroupHandlers: readonly DataCommand[] = [
  define({
    name: "xack",
    arity: -4,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const entry = readStream(ctx.db, arg(args, 1));
      const group = entry?.value.groups.get(latin(arg(args, 2)));
      const ids = args.slice(3).map((raw) => strictIdArg(raw));
      if (group === undefined) return integer(0);
      let acked = 0;
      for (const id of ids) {
        const pending = group.pending.get(idKey(id));
        if (pending === undefined) continue;
        dropPending(group, pending);
        acked++;
      }
      return integer(acked);
    },
  }),
  define({ name: "xpending", arity: -3, flags: ["readonly"], keys: oneKey, run: xpending }),
];
