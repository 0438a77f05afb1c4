// Hand-written additions to the generated table:
// 1. commands newer than the server the table was generated from (Redis 7.2+,
//    Valkey 8/9) that GLIDE exposes, transcribed from their server JSON files;
// 2. GLIDE's routing divergences from the server's tips (cluster-semantics.md §2.2);
// 3. key finders for the commands whose server key specs are "unknown".
import { type CommandArg, CommandFlags as F } from "../command.js";
import type { TableEntry } from "./table-entry.js";

const firstKey = [{ begin: { index: 1 }, find: { lastKey: 0, keyStep: 1, limit: 0 } }] as const;

/** Commands missing from a Redis 7.0 table. */
export const newerCommands: readonly TableEntry[] = [
  // Redis 7.2 / Valkey 7.2
  {
    name: "WAITAOF",
    arity: 4,
    flags: F.NOSCRIPT,
    keys: [],
    request: "allShards",
    response: "aggMin",
  },
  {
    name: "CLIENT SETINFO",
    arity: 4,
    flags: F.NOSCRIPT | F.LOADING | F.STALE,
    keys: [],
    request: "allNodes",
    response: "allSucceeded",
  },
  {
    name: "CLIENT NO-TOUCH",
    arity: 3,
    flags: F.NOSCRIPT | F.LOADING | F.STALE,
    keys: [],
    request: "default",
    response: "default",
  },
  {
    name: "CLUSTER MYSHARDID",
    arity: 2,
    flags: F.LOADING | F.STALE,
    keys: [],
    request: "default",
    response: "default",
  },
  // Valkey 8.0
  {
    name: "CLUSTER SLOT-STATS",
    arity: -4,
    flags: F.LOADING | F.STALE,
    keys: [],
    request: "allShards",
    response: "default",
  },
  {
    name: "SCRIPT SHOW",
    arity: 3,
    flags: F.NOSCRIPT,
    keys: [],
    request: "default",
    response: "default",
  },
  // Valkey 8.1
  {
    name: "COMMANDLOG GET",
    arity: 4,
    flags: F.ADMIN | F.LOADING | F.STALE,
    keys: [],
    request: "allNodes",
    response: "default",
  },
  {
    name: "COMMANDLOG LEN",
    arity: 3,
    flags: F.ADMIN | F.LOADING | F.STALE,
    keys: [],
    request: "allNodes",
    response: "aggSum",
  },
  {
    name: "COMMANDLOG RESET",
    arity: 3,
    flags: F.ADMIN | F.LOADING | F.STALE,
    keys: [],
    request: "allNodes",
    response: "allSucceeded",
  },
  // Valkey 9.0 hash field expiration (Redis 7.4 has the HEXPIRE family too)
  {
    name: "HSETEX",
    arity: -6,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HGETEX",
    arity: -5,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HEXPIRE",
    arity: -6,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HPEXPIRE",
    arity: -6,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HEXPIREAT",
    arity: -6,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HPEXPIREAT",
    arity: -6,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HPERSIST",
    arity: -5,
    flags: F.WRITE | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HTTL",
    arity: -5,
    flags: F.READONLY | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HPTTL",
    arity: -5,
    flags: F.READONLY | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HEXPIRETIME",
    arity: -5,
    flags: F.READONLY | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
  {
    name: "HPEXPIRETIME",
    arity: -5,
    flags: F.READONLY | F.FAST,
    keys: firstKey,
    request: "default",
    response: "default",
  },
];

/** Fields that replace the server's, per command. */
export type TableOverride = Partial<Pick<TableEntry, "request" | "response" | "flags">>;

/**
 * GLIDE hard-codes routing for some commands differently from the server's tips
 * (glide-core cluster_routing.rs); GLIDE-compatible results need the same rules.
 */
export const glideRoutingOverrides: Readonly<Record<string, TableOverride>> = {
  // Killing a client must reach the node that holds it: ask all, sum the kills.
  "CLIENT KILL": { request: "allNodes", response: "aggSum" },
  // Pattern subscriptions live on every node; GLIDE sums the counts.
  "PUBSUB NUMPAT": { request: "allNodes", response: "aggSum" },
  // Per-channel counts from every node, merged into one map.
  "PUBSUB NUMSUB": { request: "allNodes", response: "combineMaps" },
  "PUBSUB SHARDNUMSUB": { request: "allShards", response: "combineMaps" },
  // GLIDE's cluster methods for these return one array, so the per-node arrays are joined.
  KEYS: { request: "allShards", response: "combineArrays" },
  "PUBSUB CHANNELS": { request: "allNodes", response: "combineArrays" },
  "PUBSUB SHARDCHANNELS": { request: "allShards", response: "combineArrays" },
  "SLOWLOG GET": { request: "allNodes", response: "combineArrays" },
  // The server's "special" RANDOMKEY policy: GLIDE takes the first non-empty reply (redis#12410).
  RANDOMKEY: { request: "allShards", response: "firstNonEmpty" },
  // WATCH keys may span slots: GLIDE splits it per shard like MGET.
  WATCH: { request: "multiShard", response: "allSucceeded" },
  UNWATCH: { request: "allShards", response: "allSucceeded" },
  SSUBSCRIBE: { request: "multiShard", response: "allSucceeded" },
  // Connection state must be the same on every node.
  SELECT: { request: "allNodes", response: "allSucceeded" },
  AUTH: { request: "allNodes", response: "allSucceeded" },
  RESET: { request: "allNodes", response: "allSucceeded" },
};

function text(arg: CommandArg | undefined): string {
  if (arg === undefined) return "";
  return typeof arg === "string" ? arg : arg.toString();
}

/** SORT/SORT_RO: the sorted key, and the STORE destination when present. BY/GET patterns are not keys. */
function sortKeys(args: readonly CommandArg[]): number[] {
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
}

/** MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH…] [KEYS k…]: the single key, or the KEYS list. */
function migrateKeys(args: readonly CommandArg[]): number[] {
  if (args.length > 3 && text(args[3]) !== "") return [3];
  for (let i = 6; i < args.length; i++) {
    const token = text(args[i]).toUpperCase();
    if (token === "AUTH") i += 1;
    else if (token === "AUTH2") i += 2;
    else if (token === "KEYS")
      return Array.from({ length: args.length - i - 1 }, (_, n) => i + 1 + n);
  }
  return [];
}

/** Key finders for commands the server marks "unknown" or "incomplete". */
export const customKeyFinders: Readonly<Record<string, (args: readonly CommandArg[]) => number[]>> =
  {
    SORT: sortKeys,
    SORT_RO: sortKeys,
    MIGRATE: migrateKeys,
  };
