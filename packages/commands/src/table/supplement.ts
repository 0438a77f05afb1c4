// Hand-written additions to the generated table:
// 1. commands newer than the server the table was generated from (Redis 7.2+,
//    Valkey 8/9) that GLIDE exposes, transcribed from their server JSON files;
// 2. GLIDE's routing divergences from the server's tips (cluster-semantics.md §2.2);
// 3. key finders for the commands whose server key specs are "unknown".
import type { CommandArg } from "../command.js";
import type { TableEntry } from "./table-entry.js";

/**
 * Commands missing from a Redis 7.0 table, as rows in the generated table's format
 * (see row-codec.ts): NAME ARITY FLAGS KEYS REQUEST/RESPONSE, "-" for none.
 */
export const newerCommands: readonly string[] = [
  // Redis 7.2 / Valkey 7.2
  // GLIDE sends WAITAOF to every primary and gives each one's reply (no aggregation).
  "WAITAOF 4 s - allShards/default",
  "CLIENT|SETINFO 4 slt - allNodes/allSucceeded",
  "CLIENT|NO-TOUCH 3 slt",
  "CLUSTER|MYSHARDID 2 lt",
  // Valkey 8.0
  "CLUSTER|SLOT-STATS -4 lt",
  "SCRIPT|SHOW 3 s",
  // Valkey 8.1
  // GLIDE routes these as keyless single-node commands, not by the server's tips.
  "COMMANDLOG|GET 4 alt",
  "COMMANDLOG|LEN 3 alt",
  "COMMANDLOG|RESET 3 alt",
  // Valkey 9.0 hash field expiration (Redis 7.4 has the HEXPIRE family too)
  "HSETEX -6 wf 1",
  "HGETEX -5 wf 1",
  "HEXPIRE -6 wf 1",
  "HPEXPIRE -6 wf 1",
  "HEXPIREAT -6 wf 1",
  "HPEXPIREAT -6 wf 1",
  "HPERSIST -5 wf 1",
  "HTTL -5 rf 1",
  "HPTTL -5 rf 1",
  "HEXPIRETIME -5 rf 1",
  "HPEXPIRETIME -5 rf 1",
];

/** Fields that replace the server's, per command. */
export type TableOverride = Partial<Pick<TableEntry, "request" | "response" | "flags">>;

/**
 * GLIDE hard-codes routing for some commands differently from the server's tips
 * (glide-core cluster_routing.rs); GLIDE-compatible results need the same rules.
 */
export const glideRoutingOverrides: Readonly<Record<string, TableOverride>> = {
  // GLIDE sends CLIENT KILL to one node, not every node as the server's tips say (checked
  // against GLIDE 2.5.2 in packages/petrel/test/glide-routes.test.ts); route it to reach more.
  "CLIENT KILL": { request: "default", response: "default" },
  // Pattern subscriptions live on every node; GLIDE sums the counts.
  "PUBSUB NUMPAT": { request: "allNodes", response: "aggSum" },
  // Per-channel counts from every node, merged into one map.
  "PUBSUB NUMSUB": { request: "allNodes", response: "combineMaps" },
  "PUBSUB SHARDNUMSUB": { request: "allNodes", response: "combineMaps" },
  // GLIDE's cluster methods for these return one array, so the per-node arrays are joined.
  KEYS: { request: "allShards", response: "combineArrays" },
  "PUBSUB CHANNELS": { request: "allNodes", response: "combineArrays" },
  "PUBSUB SHARDCHANNELS": { request: "allNodes", response: "combineArrays" },
  "SLOWLOG GET": { request: "allNodes", response: "combineArrays" },
  // The server's "special" RANDOMKEY policy: GLIDE takes the first non-empty reply (redis#12410).
  RANDOMKEY: { request: "allShards", response: "firstNonEmpty" },
  // WATCH keys may span slots: GLIDE splits it per shard like MGET.
  WATCH: { request: "multiShard", response: "allSucceeded" },
  UNWATCH: { request: "allShards", response: "allSucceeded" },
  SSUBSCRIBE: { request: "multiShard", response: "allSucceeded" },
  // GLIDE 2.5's own table (glide-core cluster_routing.rs, checked against GLIDE 2.5.2 on a
  // 3x1 cluster): state changes reach every node, and succeed only if all of them do.
  "ACL SETUSER": { request: "allNodes", response: "allSucceeded" },
  "ACL DELUSER": { request: "allNodes", response: "allSucceeded" },
  "ACL SAVE": { request: "allNodes", response: "allSucceeded" },
  "CLIENT SETNAME": { request: "allNodes", response: "allSucceeded" },
  "CONFIG RESETSTAT": { request: "allNodes", response: "allSucceeded" },
  "CONFIG REWRITE": { request: "allNodes", response: "allSucceeded" },
  // Persistence and DEBUG go to every primary; each node's answer comes back by address.
  BGSAVE: { request: "allShards", response: "special" },
  BGREWRITEAOF: { request: "allShards", response: "special" },
  DEBUG: { request: "allShards", response: "special" },
  // LATENCY reports come from every primary (GLIDE 2.5.2 asks no replica).
  "LATENCY DOCTOR": { request: "allShards", response: "special" },
  "LATENCY GRAPH": { request: "allShards", response: "special" },
  "LATENCY HISTOGRAM": { request: "allShards", response: "special" },
  "LATENCY HISTORY": { request: "allShards", response: "special" },
  "LATENCY LATEST": { request: "allShards", response: "special" },
  "LATENCY RESET": { request: "allShards", response: "aggSum" },
  // Function statistics come from every node, replicas included; a kill from whichever runs it.
  "FUNCTION STATS": { request: "allNodes", response: "special" },
  "FUNCTION KILL": { request: "allNodes", response: "oneSucceeded" },
  "SCRIPT KILL": { request: "allNodes", response: "oneSucceeded" },
  // MSETNX is all or nothing, so GLIDE never splits it: keys in several slots get CROSSSLOT.
  MSETNX: { request: "default", response: "default" },
  // Connection state must be the same on every node.
  SELECT: { request: "allNodes", response: "allSucceeded" },
  // GLIDE 2.5.2 sends AUTH to every node (packages/petrel/test/glide-routes.test.ts), and
  // RESET to one node, as a keyless command.
  AUTH: { request: "allNodes", response: "allSucceeded" },
  RESET: { request: "default", response: "default" },
};

const text = (arg: CommandArg | undefined): string => {
  if (arg === undefined) return "";
  return typeof arg === "string" ? arg : arg.toString();
};

/** SORT/SORT_RO: the sorted key, and the STORE destination when present. BY/GET patterns are not keys. */
const sortKeys = (args: readonly CommandArg[]): number[] => {
  const found = args.length > 1 ? [1] : [];
  for (let i = 2; i < args.length - 1; i++) {
    const token = text(args[i]).toUpperCase();
    if (token === "STORE") {
      found.push(i + 1);
      i++;
    } else if (token === "BY" || token === "GET") i++;
    else if (token === "LIMIT") i += 2;
  }
  return found;
};

/** MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH…] [KEYS k…]: the single key, or the KEYS list. */
const migrateKeys = (args: readonly CommandArg[]): number[] => {
  if (args.length > 3 && text(args[3]) !== "") return [3];
  for (let i = 6; i < args.length; i++) {
    const token = text(args[i]).toUpperCase();
    if (token === "AUTH") i += 1;
    else if (token === "AUTH2") i += 2;
    else if (token === "KEYS")
      return Array.from({ length: args.length - i - 1 }, (_, n) => i + 1 + n);
  }
  return [];
};

/** Key finders for commands the server marks "unknown" or "incomplete". */
export const customKeyFinders: Readonly<Record<string, (args: readonly CommandArg[]) => number[]>> =
  {
    SORT: sortKeys,
    SORT_RO: sortKeys,
    MIGRATE: migrateKeys,
  };
