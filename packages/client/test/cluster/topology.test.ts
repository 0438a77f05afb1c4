// Discovery and refresh: CLUSTERDOWN, partial coverage, odd CLUSTER SLOTS
// endpoints, disagreeing nodes, periodic checks (cluster-semantics.md §5, 12–15).

import { keySlot } from "@petrel/fake-valkey";
import type { ReplyFrame } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  GlideClusterClient,
  type GlideRecord,
  RequestError,
  type RetryMessage,
  subscribe,
} from "../../src/index.js";
import { clusterClient, fakeCluster, keyOnShard, until } from "./helpers/fake-cluster.js";

const bulk = (value: string | null): ReplyFrame => ({ type: "bulk", value });
const integer = (value: number): ReplyFrame => ({ type: "integer", value });
const array = (value: ReplyFrame[]): ReplyFrame => ({ type: "array", value });

describe("CLUSTERDOWN", () => {
  it("12: waits, refreshes and retries until the cluster is back", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 3000 });
    const key = keyOnShard(cluster, 1, "down");
    await client.set(key, "v");
    const retries: RetryMessage[] = [];
    const stop = subscribe("retry", (message) => retries.push(message));
    try {
      const refreshes = client.topologyRefreshCount;
      cluster.setClusterDown(true);
      const pending = client.get(key);
      await until(() => retries.length >= 1);
      cluster.setClusterDown(false);
      expect(await pending).toBe("v");
      expect(retries.every((retry) => retry.reason === "clusterDown")).toBe(true);
      expect(client.topologyRefreshCount).toBeGreaterThan(refreshes);
    } finally {
      stop();
    }
  });

  it("12: surfaces CLUSTERDOWN once its retries are spent", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    cluster.setClusterDown(true);
    const error = await client.get("any").catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toMatch(
      /^An error was signalled by the server: - ClusterDown: /,
    );
    expect(cluster.commandCount("get")).toBe(6);
  });
});

describe("discovery", () => {
  it("13: connects with partial coverage; uncovered slots fail fast after one re-fetch", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const uncovered = keyOnShard(cluster, 2, "uncovered");
    const slot = keySlot(uncovered);
    // Every node reports the slot as unassigned (the fake keeps serving the others).
    const partial = [
      { start: 0, end: 5460, shard: 0 },
      { start: 5461, end: 10922, shard: 1 },
      { start: 10923, end: slot - 1, shard: 2 },
      { start: slot + 1, end: 16383, shard: 2 },
    ].filter((range) => range.start <= range.end);
    for (const node of cluster.nodes) cluster.reportSlotsView(node, partial);
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    const covered = keyOnShard(cluster, 0, "covered");
    expect(await client.set(covered, "v")).toBe("OK");
    const refreshes = client.topologyRefreshCount;
    const started = performance.now();
    const error = await client.get(uncovered).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toBe(`Hash slot ${slot} is not served by any known node`);
    expect(client.topologyRefreshCount).toBe(refreshes + 1);
    // Fast: one re-fetch, not a wait for the 5 s request timeout.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(cluster.commandCount("get")).toBe(0);
  });

  it('14: NULL and "" endpoints mean the seed host, "?" is skipped, unknown fields are ignored', async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const [a, b, c] = cluster.primaries.map((node) => node.port) as [number, number, number];
    const replicaPort = cluster.replicasOf(2)[0]?.port as number;
    const slots = array([
      array([integer(0), integer(5460), array([bulk(""), integer(a), bulk("id-a"), array([])])]),
      array([
        integer(5461),
        integer(10922),
        array([bulk(null), integer(b), bulk("id-b"), array([]), bulk("future-field")]),
      ]),
      array([
        integer(10923),
        integer(16383),
        array([bulk("127.0.0.1"), integer(c)]),
        array([bulk("?"), integer(replicaPort), bulk("id-r")]),
      ]),
    ]);
    cluster.injectError(
      { command: "cluster|shards", count: 1000 },
      "ERR unknown subcommand 'SHARDS'",
    );
    cluster.injectError({ command: "cluster|slots", count: 1000 }, slots);
    const client = await clusterClient(cluster);
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "endpoint"));
    for (const key of keys) expect(await client.set(key, key)).toBe("OK");
    for (const [shard, key] of keys.entries())
      expect(cluster.commandCount("set", cluster.primaryNode(shard)), key).toBe(1);
    expect(cluster.counters(cluster.replicasOf(2)[0] as never).connections).toBe(0);
  });

  it("14: hostname endpoints are connected to by name", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const [a, b] = cluster.primaries.map((node) => node.port) as [number, number];
    const slots = array([
      array([integer(0), integer(8191), array([bulk("localhost"), integer(a), bulk("id-a")])]),
      array([integer(8192), integer(16383), array([bulk("localhost"), integer(b), bulk("id-b")])]),
    ]);
    cluster.injectError({ command: "cluster|shards", count: 1000 }, "ERR unknown subcommand");
    cluster.injectError({ command: "cluster|slots", count: 1000 }, slots);
    const client = await clusterClient(cluster);
    const keys = [0, 1].map((shard) => keyOnShard(cluster, shard, "named"));
    for (const key of keys) expect(await client.set(key, key)).toBe("OK");
    expect(await client.mget(keys)).toEqual(keys);
    const routed = await client.customCommand(["ECHO", "x"], { route: "allPrimaries" });
    expect((routed as GlideRecord<unknown>).map((entry) => entry.key).sort()).toEqual(
      [`localhost:${a}`, `localhost:${b}`].sort(),
    );
  });

  it("15: nodes that disagree: the majority view wins", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    // Node 0 claims every slot; nodes 1 and 2 report the truth.
    cluster.reportSlotsView(cluster.primaryNode(0), [{ start: 0, end: 16383, shard: 0 }]);
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 2, "majority");
    expect(await client.set(key, "v")).toBe("OK");
    expect(cluster.commandCount("set", cluster.primaryNode(0))).toBe(0);
    expect(cluster.commandCount("set", cluster.primaryNode(2))).toBe(1);
  });

  it("fails createClient with a ConnectionError when no seed answers", async () => {
    const cluster = await fakeCluster({ shards: 1 });
    const seeds = cluster.seeds;
    await cluster.killNode(cluster.primaryNode(0));
    await expect(
      GlideClusterClient.createClient({ addresses: seeds, periodicChecks: "disabled" }),
    ).rejects.toThrow(/Could not discover the cluster topology/);
  });

  it("rejects bad cluster options with a ConfigurationError", async () => {
    await expect(
      GlideClusterClient.createClient({
        addresses: [{ host: "127.0.0.1", port: 1 }],
        periodicChecks: { duration_in_sec: -1 },
      }),
    ).rejects.toThrow(ConfigurationError);
  });

  it("periodic checks pick up a change nobody was redirected for", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { periodicChecks: { duration_in_sec: 0.05 } });
    const key = keyOnShard(cluster, 0, "periodic");
    await client.set(key, "v");
    cluster.migrateSlot(keySlot(key), 1).run();
    await until(async () => {
      const before = cluster.commandCount("get", cluster.primaryNode(0));
      await client.get(key);
      return cluster.commandCount("get", cluster.primaryNode(0)) === before;
    });
    expect(await client.get(key)).toBe("v");
  });

  it("lazyConnect discovers on the first command", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { lazyConnect: true });
    expect(cluster.nodes.map((node) => cluster.counters(node).connections)).toEqual([0, 0, 0]);
    expect(client.topologyRefreshCount).toBe(0);
    expect(await client.set(keyOnShard(cluster, 2, "lazy"), "v")).toBe("OK");
    expect(client.topologyRefreshCount).toBe(1);
  });

  it("refreshTopologyFromInitialNodes asks only the seeds", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const seed = cluster.primaryNode(0);
    const client = await clusterClient(cluster, {
      addresses: [{ host: seed.host, port: seed.port }],
      advancedConfiguration: { refreshTopologyFromInitialNodes: true },
    });
    const key = keyOnShard(cluster, 1, "seedonly");
    await client.set(key, "v");
    const refreshes = client.topologyRefreshCount;
    cluster.resetCounters();
    cluster.migrateSlot(keySlot(key), 2).run();
    expect(await client.get(key)).toBe("v");
    await until(() => client.topologyRefreshCount > refreshes);
    const topologyQueries = (node: (typeof cluster.nodes)[number]) =>
      cluster.commandCount("cluster|shards", node) + cluster.commandCount("cluster|slots", node);
    expect(topologyQueries(seed)).toBeGreaterThanOrEqual(1);
    expect(topologyQueries(cluster.primaryNode(1)) + topologyQueries(cluster.primaryNode(2))).toBe(
      0,
    );
  });
});
