// XINFO STREAM [FULL [COUNT n]], XINFO GROUPS and XINFO CONSUMERS, in
// Valkey 8's shapes (maps in RESP3, flat arrays in RESP2). The radix tree's
// node count is that of a compressed trie over the nodes' 128-bit IDs.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg, readStream, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { array, bulkLatin1, integer, map, NULL_BULK } from "../reply.js";
import type { DataCommand, DataContext } from "../types.js";
import { type ConsumerGroup, type Stream, sortedByKey } from "./stream.js";
import { MAX_ID, type StreamId, ZERO_ID } from "./stream-id.js";
import { entryFrame, idFrame } from "./stream-replies.js";

type Fields = [string, ReplyFrame][];

function record(ctx: DataContext, fields: Fields): ReplyFrame {
  const pairs = fields.map(([name, value]) => [bulkLatin1(name), value] as const);
  return ctx.resp === 3 ? map(pairs) : array(pairs.flat());
}

function byName<T extends { readonly name: string }>(values: Iterable<T>): T[] {
  return [...values].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function idBytes(id: StreamId): string {
  const buffer = Buffer.alloc(16);
  buffer.writeBigUInt64BE(id.ms, 0);
  buffer.writeBigUInt64BE(id.seq, 8);
  return buffer.toString("latin1");
}

/** Nodes of a compressed radix tree holding these equal-length keys (the root included). */
function radixNodes(keys: readonly string[], depth = 0): number {
  const longer = keys.filter((key) => key.length > depth);
  if (longer.length === 0) return 1;
  const branches = new Map<string, string[]>();
  for (const key of longer) {
    const char = key[depth] as string;
    branches.set(char, [...(branches.get(char) ?? []), key]);
  }
  if (branches.size === 1 && longer.length === keys.length) {
    // A compressed node: the run of characters every key shares.
    const first = longer[0] as string;
    let end = depth + 1;
    while (end < first.length && longer.every((key) => key[end] === first[end])) end++;
    return 1 + radixNodes(longer, end);
  }
  let count = 1;
  for (const group of branches.values()) count += radixNodes(group, depth + 1);
  return count;
}

function treeNodes(stream: Stream): number {
  const ids = stream.nodeIds();
  return ids.length === 0 ? 1 : radixNodes(ids.map(idBytes));
}

function entriesRead(group: ConsumerGroup): ReplyFrame {
  return group.entriesRead === -1 ? NULL_BULK : integer(group.entriesRead);
}

function lagFrame(stream: Stream, group: ConsumerGroup): ReplyFrame {
  const lag = stream.lag(group);
  return lag === undefined ? NULL_BULK : integer(lag);
}

function streamInfo(ctx: DataContext, args: Buffer[]): ReplyFrame {
  const entry = readStream(ctx.db, arg(args, 2));
  if (entry === undefined) fail(Errors.noSuchKey);
  let full = false;
  let count = 10;
  if (args.length > 3) {
    const syntax = `ERR unknown subcommand or wrong number of arguments for '${arg(args, 1).toString("latin1")}'. Try XINFO HELP.`;
    if ((args.length !== 4 && args.length !== 6) || token(args[3]) !== "FULL") fail(syntax);
    full = true;
    if (args.length === 6) {
      if (token(args[4]) !== "COUNT") fail(syntax);
      count = intArg(arg(args, 5));
      if (count < 0) count = 10;
    }
  }
  const stream = entry.value;
  const fields: Fields = [
    ["length", integer(stream.length)],
    ["radix-tree-keys", integer(stream.nodeCount)],
    ["radix-tree-nodes", integer(treeNodes(stream))],
    ["last-generated-id", idFrame(stream.lastId)],
    ["max-deleted-entry-id", idFrame(stream.maxDeletedId)],
    ["entries-added", integer(stream.entriesAdded)],
    ["recorded-first-entry-id", idFrame(stream.firstId)],
  ];
  if (!full) {
    const first = stream.first();
    const last = stream.last();
    fields.push(
      ["groups", integer(stream.groups.size)],
      ["first-entry", first === undefined ? NULL_BULK : entryFrame(first)],
      ["last-entry", last === undefined ? NULL_BULK : entryFrame(last)],
    );
    return record(ctx, fields);
  }
  const limited = <T>(items: T[]): T[] => (count === 0 ? items : items.slice(0, count));
  const entries = limited([...stream.range(ZERO_ID, MAX_ID)]).map(entryFrame);
  const groups = byName(stream.groups.values()).map((group) =>
    record(ctx, [
      ["name", bulkLatin1(group.name)],
      ["last-delivered-id", idFrame(group.lastId)],
      ["entries-read", entriesRead(group)],
      ["lag", lagFrame(stream, group)],
      ["pel-count", integer(group.pending.size)],
      [
        "pending",
        array(
          limited(sortedByKey(group.pending.values())).map((pending) =>
            array([
              idFrame(pending.id),
              bulkLatin1(pending.consumer?.name ?? ""),
              integer(pending.deliveredAt),
              integer(pending.deliveries),
            ]),
          ),
        ),
      ],
      [
        "consumers",
        array(
          byName(group.consumers.values()).map((consumer) =>
            record(ctx, [
              ["name", bulkLatin1(consumer.name)],
              ["seen-time", integer(consumer.seenAt)],
              ["active-time", integer(consumer.activeAt)],
              ["pel-count", integer(consumer.pending.size)],
              [
                "pending",
                array(
                  limited(sortedByKey(consumer.pending.values())).map((pending) =>
                    array([
                      idFrame(pending.id),
                      integer(pending.deliveredAt),
                      integer(pending.deliveries),
                    ]),
                  ),
                ),
              ],
            ]),
          ),
        ),
      ],
    ]),
  );
  fields.push(["entries", array(entries)], ["groups", array(groups)]);
  return record(ctx, fields);
}

function sub(name: string, arity: number, run: DataCommand["run"]): DataCommand {
  return define({
    name: `xinfo|${name}`,
    arity,
    flags: ["readonly"],
    keys: { first: 2, last: 2, step: 1 },
    run,
  });
}

/** XINFO's subcommands, for the server's container. */
export const xinfoSubcommands: readonly DataCommand[] = [
  sub("stream", -3, streamInfo),
  sub("groups", 3, (ctx, args) => {
    const entry = readStream(ctx.db, arg(args, 2));
    if (entry === undefined) fail(Errors.noSuchKey);
    const stream = entry.value;
    return array(
      byName(stream.groups.values()).map((group) =>
        record(ctx, [
          ["name", bulkLatin1(group.name)],
          ["consumers", integer(group.consumers.size)],
          ["pending", integer(group.pending.size)],
          ["last-delivered-id", idFrame(group.lastId)],
          ["entries-read", entriesRead(group)],
          ["lag", lagFrame(stream, group)],
        ]),
      ),
    );
  }),
  sub("consumers", 4, (ctx, args) => {
    const key = arg(args, 2);
    const entry = readStream(ctx.db, key);
    if (entry === undefined) fail(Errors.noSuchKey);
    const group = entry.value.groups.get(arg(args, 3).toString("latin1"));
    if (group === undefined) {
      fail(
        `NOGROUP No such consumer group '${arg(args, 3).toString("latin1")}' for key name '${key.toString("latin1")}'`,
      );
    }
    const now = ctx.clock.now();
    return array(
      byName(group.consumers.values()).map((consumer) =>
        record(ctx, [
          ["name", bulkLatin1(consumer.name)],
          ["pending", integer(consumer.pending.size)],
          ["idle", integer(now - consumer.seenAt)],
          ["inactive", integer(consumer.activeAt === -1 ? -1 : now - consumer.activeAt)],
        ]),
      ),
    );
  }),
];
