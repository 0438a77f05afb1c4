// Hand-written additions to the generated table:
// 1. commands newer than the server the table was generated from (Redis 7.2+,
//    Valkey 8/9) that GLIDE exposes, transcribed from their server JSON files;
// 2. GLIDE's routing divergences from the server's tips (cluster-semantics.md §2.2);
// 3. key finders for the commands whose server key specs are "unknown".
import type { CommandArg } from "../command.js";
import type { RequestLetter, ResponseLetter } from "./row-codec.js";

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

/**
 * A command's routing as GLIDE has it, as a row's POLICIES (row-codec.ts): the request
 * policy's letter, then the response policy's ("na" is allNodes/allSucceeded).
 */
export type RoutingOverride = `${RequestLetter}${ResponseLetter}`;

/**
 * GLIDE hard-codes routing for some commands differently from the server's tips
 * (glide-core cluster_routing.rs); GLIDE-compatible results need the same rules.
 */
// Letters, not { request, response } objects: the same policies in a tenth of the bytes.
export const glideRoutingOverrides: Readonly<Record<string, RoutingOverride>> = {
  // GLIDE sends CLIENT KILL to one node, not every node as the server's tips say (checked
  // against GLIDE 2.5.2 in packages/petrel/test/glide-routes.test.ts); route it to reach more.
  "CLIENT KILL": "dd", // default/default
  // Pattern subscriptions live on every node; GLIDE sums the counts.
  "PUBSUB NUMPAT": "n+", // allNodes/aggSum
  // Per-channel counts from every node, merged into one map.
  "PUBSUB NUMSUB": "n{", // allNodes/combineMaps
  "PUBSUB SHARDNUMSUB": "n{", // allNodes/combineMaps
  // GLIDE's cluster methods for these return one array, so the per-node arrays are joined.
  KEYS: "s[", // allShards/combineArrays
  "PUBSUB CHANNELS": "n[", // allNodes/combineArrays
  "PUBSUB SHARDCHANNELS": "n[", // allNodes/combineArrays
  "SLOWLOG GET": "n[", // allNodes/combineArrays
  // The server's "special" RANDOMKEY policy: GLIDE takes the first non-empty reply (redis#12410).
  RANDOMKEY: "s!", // allShards/firstNonEmpty
  // WATCH keys may span slots: GLIDE splits it per shard like MGET.
  WATCH: "ma", // multiShard/allSucceeded
  UNWATCH: "sa", // allShards/allSucceeded
  SSUBSCRIBE: "ma", // multiShard/allSucceeded
  // GLIDE 2.5's own table (glide-core cluster_routing.rs, checked against GLIDE 2.5.2 on a
  // 3x1 cluster): state changes reach every node, and succeed only if all of them do.
  "ACL SETUSER": "na", // allNodes/allSucceeded
  "ACL DELUSER": "na", // allNodes/allSucceeded
  "ACL SAVE": "na", // allNodes/allSucceeded
  "CLIENT SETNAME": "na", // allNodes/allSucceeded
  "CONFIG RESETSTAT": "na", // allNodes/allSucceeded
  "CONFIG REWRITE": "na", // allNodes/allSucceeded
  // Persistence and DEBUG go to every primary; each node's answer comes back by address.
  BGSAVE: "sx", // allShards/special
  BGREWRITEAOF: "sx", // allShards/special
  DEBUG: "sx", // allShards/special
  // LATENCY reports come from every primary (GLIDE 2.5.2 asks no replica).
  "LATENCY DOCTOR": "sx", // allShards/special
  "LATENCY GRAPH": "sx", // allShards/special
  "LATENCY HISTOGRAM": "sx", // allShards/special
  "LATENCY HISTORY": "sx", // allShards/special
  "LATENCY LATEST": "sx", // allShards/special
  "LATENCY RESET": "s+", // allShards/aggSum
  // Function statistics come from every node, replicas included; a kill from whichever runs it.
  "FUNCTION STATS": "nx", // allNodes/special
  "FUNCTION KILL": "no", // allNodes/oneSucceeded
  "SCRIPT KILL": "no", // allNodes/oneSucceeded
  // MSETNX is all or nothing, so GLIDE never splits it: keys in several slots get CROSSSLOT.
  MSETNX: "dd", // default/default
  // Connection state must be the same on every node.
  SELECT: "na", // allNodes/allSucceeded
  // GLIDE 2.5.2 sends AUTH to every node (packages/petrel/test/glide-routes.test.ts), and
  // RESET to one node, as a keyless command.
  AUTH: "na", // allNodes/allSucceeded
  RESET: "dd", // default/default
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
