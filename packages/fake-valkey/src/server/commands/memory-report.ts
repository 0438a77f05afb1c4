// MEMORY STATS, DOCTOR, MALLOC-STATS and PURGE with the server's reply
// shapes. The figures come from the fake's estimate (`estimateMemoryUsage`
// per key, plus a fresh server's footprint): approximate, not measured.

import type { ReplyFrame } from "@petrel/protocol";
import { double } from "../../data/reply.js";
import type { CommandDef } from "../command-table.js";
import { integer, OK, record, verbatim } from "../frames.js";
import { datasetBytes, USED_MEMORY } from "../memory.js";
import type { FakeNode } from "../node.js";

/** What the server calls `functions.caches` on a fresh start. */
const FUNCTIONS_CACHES = 200;
/** The main dictionary's overhead per key, as `db.N overhead.hashtable.main` reports it. */
const DICT_ENTRY_BYTES = 72;
/** Below this the server's doctor declines to diagnose (its `empty` report). */
const DOCTOR_MIN_BYTES = 5 * 1024 * 1024;

const EMPTY_REPORT =
  "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
const HEALTHY_REPORT =
  "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";

function memoryStats(node: FakeNode, resp: 2 | 3): ReplyFrame {
  const dataset = datasetBytes(node);
  const total = USED_MEMORY + dataset;
  const fields: [string, ReplyFrame][] = [
    ["peak.allocated", integer(total)],
    ["total.allocated", integer(total)],
    ["startup.allocated", integer(USED_MEMORY - FUNCTIONS_CACHES)],
    ["replication.backlog", integer(0)],
    ["clients.slaves", integer(0)],
    ["clients.normal", integer(0)],
    ["cluster.links", integer(0)],
    ["aof.buffer", integer(0)],
    ["lua.caches", integer(0)],
    ["functions.caches", integer(FUNCTIONS_CACHES)],
  ];
  let keys = 0;
  let overhead = USED_MEMORY;
  node.databases.forEach((db, index) => {
    if (db.size === 0) return;
    keys += db.size;
    overhead += db.size * DICT_ENTRY_BYTES;
    fields.push([
      `db.${index}`,
      record([
        ["overhead.hashtable.main", integer(db.size * DICT_ENTRY_BYTES)],
        ["overhead.hashtable.expires", integer(0)],
        ["overhead.hashtable.slot-to-keys", integer(0)],
      ]),
    ]);
  });
  fields.push(
    ["overhead.total", integer(overhead)],
    ["keys.count", integer(keys)],
    ["keys.bytes-per-key", integer(keys === 0 ? 0 : Math.floor((total - USED_MEMORY) / keys))],
    ["dataset.bytes", integer(dataset)],
    ["dataset.percentage", double(total === 0 ? 0 : (dataset * 100) / total, resp)],
    ["peak.percentage", double(100, resp)],
    ["allocator.allocated", integer(total)],
    ["allocator.active", integer(total)],
    ["allocator.resident", integer(total)],
    ["allocator-fragmentation.ratio", double(1, resp)],
    ["allocator-fragmentation.bytes", integer(0)],
    ["allocator-rss.ratio", double(1, resp)],
    ["allocator-rss.bytes", integer(0)],
    ["rss-overhead.ratio", double(1, resp)],
    ["rss-overhead.bytes", integer(0)],
    ["fragmentation", double(1, resp)],
    ["fragmentation.bytes", integer(0)],
  );
  return record(fields);
}

function memorySubcommand(name: string, run: CommandDef["run"]): CommandDef {
  return { name: `memory|${name}`, arity: 2, flags: [], group: "server", run };
}

/** MEMORY's subcommands besides USAGE. */
export const memoryReportSubcommands: readonly CommandDef[] = [
  memorySubcommand("stats", (session) => memoryStats(session.node, session.resp)),
  memorySubcommand("doctor", (session) =>
    verbatim(
      datasetBytes(session.node) + USED_MEMORY < DOCTOR_MIN_BYTES ? EMPTY_REPORT : HEALTHY_REPORT,
    ),
  ),
  // The server's reply when it was not built with jemalloc.
  memorySubcommand("malloc-stats", () => verbatim("Stats not supported for the current allocator")),
  memorySubcommand("purge", () => OK),
];
