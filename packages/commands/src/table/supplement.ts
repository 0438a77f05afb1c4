// Hand-written additions to the generated table:
// 1. commands newer than the server the table was generated from (Redis 7.2+,
//    Valkey 8/9) that GLIDE exposes, transcribed from their server JSON files;
// 2. GLIDE's routing divergences from the server's tips (cluster-semantics.md §2.2);
// 3. key finders for the commands whose server key specs are "unknown".
import type { CommandArg, RequestPolicy, ResponsePolicy } from "../command.js";

/**
 * Commands missing from a Redis 7.0 table, as rows in the generated table's format
 * (see row-codec.ts), one a line: NAME ARITY FLAGS KEYS POLICIES, "-" for none.
 */
export const newerCommands: string =
  // Redis 7.2 / Valkey 7.2
  // GLIDE sends WAITAOF to every primary and gives each one's reply (no aggregation).
  "WAITAOF 4 s - sd\n" +
  "CLIENT|SETINFO 4 slt - na\n" +
  "CLIENT|NO-TOUCH 3 slt\n" +
  "CLUSTER|MYSHARDID 2 lt\n" +
  // Valkey 8.0
  "CLUSTER|SLOT-STATS -4 lt\n" +
  "SCRIPT|SHOW 3 s\n" +
  // Valkey 8.1
  // GLIDE routes these as keyless single-node commands, not by the server's tips.
  "COMMANDLOG|GET 4 alt\n" +
  "COMMANDLOG|LEN 3 alt\n" +
  "COMMANDLOG|RESET 3 alt\n" +
  // Valkey 9.0 hash field expiration (Redis 7.4 has the HEXPIRE family too)
  "HSETEX -6 wf 1\n" +
  "HGETEX -5 wf 1\n" +
  "HEXPIRE -6 wf 1\n" +
  "HPEXPIRE -6 wf 1\n" +
  "HEXPIREAT -6 wf 1\n" +
  "HPEXPIREAT -6 wf 1\n" +
  "HPERSIST -5 wf 1\n" +
  "HTTL -5 rf 1\n" +
  "HPTTL -5 rf 1\n" +
  "HEXPIRETIME -5 rf 1\n" +
  "HPEXPIRETIME -5 rf 1";

/** A command's routing as GLIDE has it: its request policy, a slash, its response policy. */
export type RoutingOverride = `${RequestPolicy}/${ResponsePolicy}`;

/**
 * GLIDE hard-codes routing for some commands differently from the server's tips
 * (glide-core cluster_routing.rs); GLIDE-compatible results need the same rules.
 */
// "request/response" strings, not objects: the same policies in a third of the bytes.
export const glideRoutingOverrides: Readonly<Record<string, RoutingOverride>> = {
  // GLIDE sends CLIENT KILL to one node, not every node as the server's tips say (checked
  // against GLIDE 2.5.2 in packages/petrel/test/glide-routes.test.ts); route it to reach more.
  "CLIENT KILL": "default/default",
  // Pattern subscriptions live on every node; GLIDE sums the counts.
  "PUBSUB NUMPAT": "allNodes/aggSum",
  // Per-channel counts from every node, merged into one map.
  "PUBSUB NUMSUB": "allNodes/combineMaps",
  "PUBSUB SHARDNUMSUB": "allNodes/combineMaps",
  // GLIDE's cluster methods for these return one array, so the per-node arrays are joined.
  KEYS: "allShards/combineArrays",
  "PUBSUB CHANNELS": "allNodes/combineArrays",
  "PUBSUB SHARDCHANNELS": "allNodes/combineArrays",
  "SLOWLOG GET": "allNodes/combineArrays",
  // The server's "special" RANDOMKEY policy: GLIDE takes the first non-empty reply (redis#12410).
  RANDOMKEY: "allShards/firstNonEmpty",
  // WATCH keys may span slots: GLIDE splits it per shard like MGET.
  WATCH: "multiShard/allSucceeded",
  UNWATCH: "allShards/allSucceeded",
  SSUBSCRIBE: "multiShard/allSucceeded",
  // GLIDE 2.5's own table (glide-core cluster_routing.rs, checked against GLIDE 2.5.2 on a
  // 3x1 cluster): state changes reach every node, and succeed only if all of them do.
  "ACL SETUSER": "allNodes/allSucceeded",
  "ACL DELUSER": "allNodes/allSucceeded",
  "ACL SAVE": "allNodes/allSucceeded",
  "CLIENT SETNAME": "allNodes/allSucceeded",
  "CONFIG RESETSTAT": "allNodes/allSucceeded",
  "CONFIG REWRITE": "allNodes/allSucceeded",
  // Persistence and DEBUG go to every primary; each node's answer comes back by address.
  BGSAVE: "allShards/special",
  BGREWRITEAOF: "allShards/special",
  DEBUG: "allShards/special",
  // LATENCY reports come from every primary (GLIDE 2.5.2 asks no replica).
  "LATENCY DOCTOR": "allShards/special",
  "LATENCY GRAPH": "allShards/special",
  "LATENCY HISTOGRAM": "allShards/special",
  "LATENCY HISTORY": "allShards/special",
  "LATENCY LATEST": "allShards/special",
  "LATENCY RESET": "allShards/aggSum",
  // Function statistics come from every node, replicas included; a kill from whichever runs it.
  "FUNCTION STATS": "allNodes/special",
  "FUNCTION KILL": "allNodes/oneSucceeded",
  "SCRIPT KILL": "allNodes/oneSucceeded",
  // MSETNX is all or nothing, so GLIDE never splits it: keys in several slots get CROSSSLOT.
  MSETNX: "default/default",
  // Connection state must be the same on every node.
  SELECT: "allNodes/allSucceeded",
  // GLIDE 2.5.2 sends AUTH to every node (packages/petrel/test/glide-routes.test.ts), and
  // RESET to one node, as a keyless command.
  AUTH: "allNodes/allSucceeded",
  RESET: "default/default",
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
