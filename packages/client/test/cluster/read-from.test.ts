// ReadFrom strategies on the fake cluster (zones from CLUSTER SHARDS metadata
// or from INFO), instrumentation of the node actually used, statistics.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { type SendStartMessage, subscribe } from "../../src/index.js";
import { clusterClient, fakeCluster, keyOnShard, until } from "./helpers/fake-cluster.js";

describe("readFrom", () => {
  it("preferReplica spreads reads round-robin over the replicas; writes go to the primary", async () => {
    const cluster = await fakeCluster({ shards: 1, replicas: 2 });
    const client = await clusterClient(cluster, { readFrom: "preferReplica" });
    await client.set("rr", "v");
    cluster.resetCounters();
    for (let i = 0; i < 6; i++) expect(await client.get("rr")).toBe("v");
    const [first, second] = cluster.replicasOf(0);
    if (first === undefined || second === undefined) throw new Error("replicas missing");
    expect(cluster.commandCount("get", first)).toBe(3);
    expect(cluster.commandCount("get", second)).toBe(3);
    expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(0);
    await client.set("rr", "w");
    expect(cluster.commandCount("set", cluster.primaryNode(0))).toBe(1);
  });

  it("AZAffinity reads from the replica in the client's zone (zone announced by the cluster)", async () => {
    const cluster = await fakeCluster({ shards: 1, replicas: 2 });
    const [inA, inB] = cluster.replicasOf(0);
    if (inA === undefined || inB === undefined) throw new Error("replicas missing");
    cluster.announce(inA, { availabilityZone: "az-a" });
    cluster.announce(inB, { availabilityZone: "az-b" });
    const client = await clusterClient(cluster, { readFrom: "AZAffinity", clientAz: "az-b" });
    await client.set("az", "v");
    cluster.resetCounters();
    for (let i = 0; i < 4; i++) expect(await client.get("az")).toBe("v");
    expect(cluster.commandCount("get", inB)).toBe(4);
    expect(cluster.commandCount("get", inA)).toBe(0);
  });

  it("AZAffinityReplicasAndPrimary falls back to a primary in the zone (zone read from INFO)", async () => {
    const cluster = await fakeCluster({ shards: 1, replicas: 1 });
    const primary = cluster.primaryNode(0);
    const replica = cluster.replicasOf(0)[0];
    if (replica === undefined) throw new Error("replica missing");
    // Not in CLUSTER SHARDS/SLOTS: only INFO server reports the zones.
    primary.config.set("availability-zone", "az-b");
    replica.config.set("availability-zone", "az-a");
    const client = await clusterClient(cluster, {
      readFrom: "AZAffinityReplicasAndPrimary",
      clientAz: "az-b",
    });
    await client.set("azp", "v");
    cluster.resetCounters();
    for (let i = 0; i < 3; i++) expect(await client.get("azp")).toBe("v");
    expect(cluster.commandCount("get", primary)).toBe(3);
    expect(cluster.commandCount("get", replica)).toBe(0);
  });
});

describe("instrumentation and statistics", () => {
  it("publishes sendStart for each node a redirected request actually used", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "traced");
    await client.set(key, "v");
    cluster.migrateSlot(keySlot(key), 2).run();
    const sends: SendStartMessage[] = [];
    const stop = subscribe("sendStart", (message) => sends.push(message));
    try {
      expect(await client.get(key)).toBe("v");
    } finally {
      stop();
    }
    const requestIds = new Set(sends.map((message) => message.requestId));
    expect(requestIds.size).toBe(1);
    expect(sends.map((message) => message.port)).toEqual([
      cluster.primaryNode(0).port,
      cluster.primaryNode(2).port,
    ]);
  });

  it("getStatistics counts the cluster client and its connections", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    await client.set(keyOnShard(cluster, 1, "stats"), "v");
    const stats = client.getStatistics();
    expect(Number(stats.total_clients)).toBeGreaterThanOrEqual(1);
    expect(Number(stats.total_connections)).toBeGreaterThanOrEqual(3);
    const before = Number(stats.total_connections);
    client.close();
    await until(() => Number(client.getStatistics().total_connections) <= before - 3);
  });
});
