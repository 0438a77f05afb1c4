// GLIDE 2.5.2's cluster routes (glide-core's request routing: redis-rs cluster_routing.rs,
// corrected where GLIDE 2.5.2 itself was seen to differ) against Petrel's command table:
// for every command Petrel knows, where it goes without a route and how the replies are
// combined; then, on a real 3x1 cluster, the nodes each multi-node command (and a few
// single-node ones) reaches from GLIDE 2.5.2 and from Petrel, counted by the servers.
import { commandTable } from "@petrel/commands";
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import * as Glide from "@valkey/valkey-glide";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GlideClusterClient, InfoOptions, Logger } from "../src/index.js";
import type { AnyClient } from "./support/side-by-side.js";

Glide.Logger.setLoggerConfig("error");
Logger.setLoggerConfig("error");

type Route = `${"allNodes" | "allShards" | "multiShard"}/${string}`;

/** GLIDE's multi-node commands, in Petrel's policy names; every other command goes to one node. */
const glideRoutes: Readonly<Record<string, Route>> = {
  "ACL SETUSER": "allNodes/allSucceeded",
  "ACL DELUSER": "allNodes/allSucceeded",
  "ACL SAVE": "allNodes/allSucceeded",
  "CLIENT SETNAME": "allNodes/allSucceeded",
  "CLIENT SETINFO": "allNodes/allSucceeded",
  "CONFIG SET": "allNodes/allSucceeded",
  "CONFIG RESETSTAT": "allNodes/allSucceeded",
  "CONFIG REWRITE": "allNodes/allSucceeded",
  "SCRIPT FLUSH": "allNodes/allSucceeded",
  "SCRIPT LOAD": "allNodes/allSucceeded",
  "SLOWLOG GET": "allNodes/combineArrays",
  "SLOWLOG LEN": "allNodes/aggSum",
  "SLOWLOG RESET": "allNodes/allSucceeded",
  "PUBSUB NUMPAT": "allNodes/aggSum",
  "PUBSUB CHANNELS": "allNodes/combineArrays",
  "PUBSUB SHARDCHANNELS": "allNodes/combineArrays",
  "PUBSUB NUMSUB": "allNodes/combineMaps",
  "PUBSUB SHARDNUMSUB": "allNodes/combineMaps",
  "SCRIPT KILL": "allNodes/oneSucceeded",
  "FUNCTION KILL": "allNodes/oneSucceeded",
  "FUNCTION STATS": "allNodes/special",
  DBSIZE: "allShards/aggSum",
  FLUSHALL: "allShards/allSucceeded",
  FLUSHDB: "allShards/allSucceeded",
  "FUNCTION DELETE": "allShards/allSucceeded",
  "FUNCTION FLUSH": "allShards/allSucceeded",
  "FUNCTION LOAD": "allShards/allSucceeded",
  "FUNCTION RESTORE": "allShards/allSucceeded",
  INFO: "allShards/special",
  KEYS: "allShards/combineArrays",
  "MEMORY DOCTOR": "allShards/special",
  "MEMORY MALLOC-STATS": "allShards/special",
  "MEMORY PURGE": "allShards/allSucceeded",
  "MEMORY STATS": "allShards/special",
  PING: "allShards/allSucceeded",
  "SCRIPT EXISTS": "allShards/aggLogicalAnd",
  UNWATCH: "allShards/allSucceeded",
  WAIT: "allShards/aggMin",
  WAITAOF: "allShards/default",
  RANDOMKEY: "allShards/firstNonEmpty",
  // The source routes LATENCY to every node, BGSAVE/BGREWRITEAOF to one; GLIDE 2.5.2 sends
  // them to every primary (the live checks below).
  "LATENCY DOCTOR": "allShards/special",
  "LATENCY GRAPH": "allShards/special",
  "LATENCY HISTOGRAM": "allShards/special",
  "LATENCY HISTORY": "allShards/special",
  "LATENCY LATEST": "allShards/special",
  "LATENCY RESET": "allShards/aggSum",
  BGSAVE: "allShards/special",
  BGREWRITEAOF: "allShards/special",
  // Not in the source's table, but what GLIDE 2.5.2 does (the live checks below): AUTH and
  // SELECT reach every node, DEBUG every primary.
  AUTH: "allNodes/allSucceeded",
  SELECT: "allNodes/allSucceeded",
  DEBUG: "allShards/special",
  // Split by slot; GLIDE's MGET CombineArrays puts the values back in key order ("default").
  MGET: "multiShard/default",
  MSET: "multiShard/allSucceeded",
  DEL: "multiShard/aggSum",
  EXISTS: "multiShard/aggSum",
  TOUCH: "multiShard/aggSum",
  UNLINK: "multiShard/aggSum",
  WATCH: "multiShard/allSucceeded",
};

/**
 * Where Petrel's table differs from GLIDE's, and why. SCAN and SSUBSCRIBE never go through
 * the router as plain commands (cluster SCAN and sharded subscriptions have their own paths).
 */
const petrelOnly: Readonly<Record<string, Route | "special/default">> = {
  SCAN: "special/default",
  SSUBSCRIBE: "multiShard/allSucceeded",
};

function petrelRoute(name: string): string {
  const info = commandTable().get(name);
  if (!info || (info.request === "default" && info.response === "default")) return "single";
  return `${info.request}/${info.response}`;
}

describe("GLIDE 2.5.2's routing table against Petrel's", () => {
  it("every command Petrel knows goes where GLIDE sends it, and is combined the same way", () => {
    const differences: string[] = [];
    for (const name of commandTable().keys()) {
      const expected = petrelOnly[name] ?? glideRoutes[name] ?? "single";
      const actual = petrelRoute(name);
      if (actual !== expected) differences.push(`${name}: Petrel ${actual}, GLIDE ${expected}`);
    }
    expect(differences).toEqual([]);
    // Every multi-node command of GLIDE's table is one Petrel knows.
    for (const name of Object.keys(glideRoutes)) expect(commandTable().has(name)).toBe(true);
  });
});

const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

/** Commands run live: [arguments, commandstats name]. */
const live: readonly [string[], string][] = [
  [["PUBSUB", "SHARDCHANNELS"], "pubsub|shardchannels"],
  [["PUBSUB", "SHARDNUMSUB", "x"], "pubsub|shardnumsub"],
  [["PUBSUB", "NUMSUB", "x"], "pubsub|numsub"],
  [["PUBSUB", "NUMPAT"], "pubsub|numpat"],
  [["PUBSUB", "CHANNELS"], "pubsub|channels"],
  [["CLIENT", "KILL", "ID", "987654321"], "client|kill"],
  [["AUTH", "nobody", "wrong"], "auth"],
  [["DBSIZE"], "dbsize"],
  [["PING"], "ping"],
  [["KEYS", "no-such-key-*"], "keys"],
  [["RANDOMKEY"], "randomkey"],
  [["SCRIPT", "EXISTS", "ff"], "script|exists"],
  [["SCRIPT", "FLUSH"], "script|flush"],
  [["SCRIPT", "KILL"], "script|kill"],
  [["FUNCTION", "KILL"], "function|kill"],
  [["FUNCTION", "STATS"], "function|stats"],
  [["FUNCTION", "FLUSH"], "function|flush"],
  [["FUNCTION", "DELETE", "nolib"], "function|delete"],
  [["SLOWLOG", "LEN"], "slowlog|len"],
  [["SLOWLOG", "GET"], "slowlog|get"],
  [["SLOWLOG", "RESET"], "slowlog|reset"],
  [["LATENCY", "LATEST"], "latency|latest"],
  [["LATENCY", "RESET"], "latency|reset"],
  [["LATENCY", "DOCTOR"], "latency|doctor"],
  [["MEMORY", "DOCTOR"], "memory|doctor"],
  [["MEMORY", "STATS"], "memory|stats"],
  [["MEMORY", "PURGE"], "memory|purge"],
  [["CONFIG", "SET", "maxmemory-policy", "noeviction"], "config|set"],
  [["CLIENT", "SETNAME", "routes"], "client|setname"],
  [["ACL", "SETUSER", "petrel-routes"], "acl|setuser"],
  [["ACL", "DELUSER", "petrel-routes"], "acl|deluser"],
  [["UNWATCH"], "unwatch"],
  [["WAIT", "0", "0"], "wait"],
  [["INFO", "server"], "info"],
  [["DEBUG", "SLEEP", "0"], "debug"],
  [["SELECT", "0"], "select"],
  [["MGET", "{a}1", "{b}2", "{c}3"], "mget"],
  [["DEL", "{a}1", "{b}2", "{c}3"], "del"],
  [["EXISTS", "{a}1", "{b}2", "{c}3"], "exists"],
  [["TOUCH", "{a}1", "{b}2", "{c}3"], "touch"],
  [["UNLINK", "{a}1", "{b}2", "{c}3"], "unlink"],
  [["MSET", "{a}1", "v", "{b}2", "v", "{c}3", "v"], "mset"],
  [["CONFIG", "GET", "maxmemory"], "config|get"],
  [["CLIENT", "LIST"], "client|list"],
  [["TIME"], "time"],
];

/** How many primaries and replicas counted a call of `stat` (one node: "1 node"). */
async function reached(
  petrel: AnyClient,
  run: () => Promise<unknown>,
  stat: string,
): Promise<string> {
  await petrel.configResetStat();
  await run().catch(() => undefined);
  const info = (await petrel.info({
    sections: [InfoOptions.Commandstats, InfoOptions.Replication],
    route: "allNodes",
  })) as Record<string, string>;
  let primaries = 0;
  let replicas = 0;
  for (const text of Object.values(info)) {
    if (!text.includes(`cmdstat_${stat}:`)) continue;
    if (text.includes("role:master")) primaries++;
    else replicas++;
  }
  // A single-node command goes to any node at random (GLIDE may pick a replica).
  return primaries + replicas === 1 ? "1 node" : `${primaries} primaries, ${replicas} replicas`;
}

describe("the nodes a command reaches, GLIDE 2.5.2 and Petrel on a 3x1 cluster", () => {
  let petrel: AnyClient;
  let glide: AnyClient;
  beforeAll(async () => {
    const config = { addresses: cluster.description.addresses, requestTimeout: 5000 };
    petrel = await GlideClusterClient.createClient(config);
    glide = await Glide.GlideClusterClient.createClient(config);
  });
  afterAll(() => {
    petrel?.close();
    glide?.close();
  });

  for (const [args, stat] of live) {
    it(args.slice(0, args[0] === "MGET" || args[0] === "MSET" ? 1 : 2).join(" "), async () => {
      const ours = await reached(petrel, () => petrel.customCommand(args), stat);
      const theirs = await reached(petrel, () => glide.customCommand(args), stat);
      expect(ours).toBe(theirs);
    });
  }
});
