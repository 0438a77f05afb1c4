// Cluster batches on the fake: transactions follow MOVED/ASK as a whole
// block (cluster-semantics.md §5, scenario 32), pipelines span slots.

import { ClusterBatch } from "@petrel/batch";
import { ConnectionError, RequestError } from "@petrel/client";
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { clusterClient, fakeCluster, keyOnShard } from "./support/fake-cluster.js";

describe("cluster transactions", () => {
  it("runs MULTI … EXEC on the slot's primary", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const batch = new ClusterBatch(true).set("{t}a", "1").incr("{t}a").get("{t}a");
    expect(await client.exec(batch, true)).toEqual(["OK", 2, "2"]);
    const node = cluster.nodeForKey("{t}a");
    expect(cluster.commandCount("multi", node)).toBe(1);
    expect(cluster.commandCount("exec", node)).toBe(1);
  });

  it("32: a MOVED inside the block sends the whole block to the new owner", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "tx-moved");
    await client.set(key, "1");
    cluster.migrateSlot(keySlot(key), 1).run();
    cluster.resetCounters();
    const batch = new ClusterBatch(true).get(key).set(key, "2").get(key);
    expect(await client.exec(batch, true)).toEqual(["1", "OK", "2"]);
    // The old owner discarded it (EXECABORT); the new one ran it once.
    expect(cluster.commandCount("exec", cluster.primaryNode(0))).toBe(1);
    expect(cluster.commandCount("exec", cluster.primaryNode(1))).toBe(1);
    expect(cluster.commandCount("set", cluster.primaryNode(1))).toBe(1);
  });

  it("32: an ASK mid-migration sends one ASKING, then the whole block to the target", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "tx-ask");
    const migration = cluster.migrateSlot(keySlot(key), 2);
    migration.step();
    migration.step();
    cluster.resetCounters();
    const batch = new ClusterBatch(true).set(key, "v").get(key);
    expect(await client.exec(batch, true)).toEqual(["OK", "v"]);
    expect(cluster.commandCount("asking", cluster.primaryNode(2))).toBe(1);
    expect(cluster.commandCount("exec", cluster.primaryNode(2))).toBe(1);
  });

  it("32: cross-slot keys in a transaction fail with CROSSSLOT, nothing sent", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    cluster.resetCounters();
    const batch = new ClusterBatch(true).set("a", "1").set("b", "2");
    const error = await client.exec(batch, true).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toMatch(/^CROSSSLOT/);
    expect(cluster.commandCount("multi")).toBe(0);
  });

  it("a transaction lost with its connection is not sent again", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { requestTimeout: 2000 });
    const key = keyOnShard(cluster, 0, "tx-lost");
    await client.set(key, "0");
    cluster.blackhole(cluster.primaryNode(0));
    const pending = client.exec(new ClusterBatch(true).incr(key), true).catch((e: Error) => e);
    await cluster.failover(0, { kill: true });
    expect(await pending).toBeInstanceOf(ConnectionError);
    expect(await client.get(key)).toBe("0");
  });
});

describe("cluster pipelines", () => {
  it("sends each command where its keys go and keeps the batch's order", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "pipe"));
    const batch = new ClusterBatch(false);
    for (const key of keys) batch.set(key, key);
    batch.mget(keys).dbsize();
    for (const key of keys) batch.get(key);
    expect(await client.exec(batch, true)).toEqual(["OK", "OK", "OK", keys, 3, ...keys]);
    for (let shard = 0; shard < 3; shard++)
      expect(cluster.commandCount("set", cluster.primaryNode(shard))).toBe(1);
  });

  it("re-sends only the redirected commands, and returns errors in place", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const moved = keyOnShard(cluster, 0, "pipe-moved");
    const stays = keyOnShard(cluster, 1, "pipe-stays");
    await client.set(moved, "m");
    await client.set(stays, "s");
    cluster.migrateSlot(keySlot(moved), 2).run();
    cluster.resetCounters();
    const batch = new ClusterBatch(false).get(moved).get(stays).lpush(stays, ["x"]);
    const results = await client.exec(batch, false);
    expect(results?.slice(0, 2)).toEqual(["m", "s"]);
    expect(results?.[2]).toBeInstanceOf(RequestError);
    expect(cluster.commandCount("get", cluster.primaryNode(1))).toBe(1);
    expect(cluster.commandCount("get", cluster.primaryNode(2))).toBe(1);
    await expect(client.exec(batch, true)).rejects.toThrow(/WRONGTYPE/);
  });
});
