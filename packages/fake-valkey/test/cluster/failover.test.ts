import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeCluster,
  type FakeNode,
  keySlot,
  ManualClock,
  startCluster,
} from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("failover with kill, restart, and sharded Pub/Sub during migration", () => {
  let cluster: FakeCluster;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    cluster = await startCluster({ shards: 2, replicas: 1, seed: 21 });
  });
  afterAll(() => cluster.stop());

  it("kills the old primary, promotes the replica, and re-adds the old one as a replica on restart", async () => {
    const oldPrimary = cluster.primaryNode(0);
    const writer = await open(oldPrimary.port);
    expect(await writer.call(["SET", "bar", "kept"])).toBe("+OK");
    const promoted = await cluster.failover(0, { kill: true });
    await writer.waitClosed();
    expect(oldPrimary.running).toBe(false);
    const client = await open(promoted.port);
    expect(await client.call(["GET", "bar"])).toBe("$kept");
    const nodes = String(await client.call(["CLUSTER", "NODES"]));
    expect(nodes).toContain(
      `${oldPrimary.id} 127.0.0.1:${oldPrimary.port}@${oldPrimary.port + 10000} slave,fail`,
    );
    const info = String(await client.call(["CLUSTER", "INFO"]));
    expect(info).toMatch(/cluster_current_epoch:(\d+)/);
    await cluster.restartNode(oldPrimary);
    expect(cluster.topology.node(oldPrimary.id)).toMatchObject({ role: "replica", alive: true });
    expect(await client.call(["SET", "bar", "after"])).toBe("+OK");
    const replica = await open(oldPrimary.port);
    await replica.call(["READONLY"]);
    expect(await replica.call(["GET", "bar"])).toBe("$after");
    expect(String(await replica.call(["INFO", "replication"]))).toContain(
      `master_port:${promoted.port}`,
    );
  });

  it("refuses to fail over a shard without a live replica", async () => {
    const shard = await cluster.addShard({ replicas: 0 });
    await expect(cluster.failover(shard)).rejects.toThrow("has no live replica");
  });

  it("sends an unsolicited sunsubscribe when a subscribed slot moves away", async () => {
    const slot = keySlot("chan");
    const from = cluster.shardOfSlot(slot);
    const subscriber = await open(cluster.primaryNode(from).port);
    await subscriber.call(["HELLO", "3"]);
    expect(await subscriber.call(["SSUBSCRIBE", "chan"])).toEqual({
      push: ["$ssubscribe", "$chan", ":1"],
    });
    cluster.migrateSlot(slot, from === 0 ? 1 : 0).run();
    expect(await subscriber.read()).toEqual({ push: ["$sunsubscribe", "$chan", ":0"] });
    expect(await subscriber.call(["PING"])).toBe("+PONG");
  });

  it("unblocks a blocked client through CLIENT UNBLOCK", async () => {
    const node = cluster.primaryNode(cluster.shardOfKey("q"));
    const waiter = await open(node.port);
    const admin = await open(node.port);
    const id = String(await waiter.call(["CLIENT", "ID"])).slice(1);
    waiter.send(["BLPOP", "q", "0"]);
    for (let i = 0; i < 200 && node.blockedCount === 0; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(await admin.call(["CLIENT", "UNBLOCK", id, "ERROR"])).toBe(":1");
    expect(await waiter.read()).toBe("-UNBLOCKED client unblocked via CLIENT UNBLOCK");
    expect(await admin.call(["CLIENT", "UNBLOCK", id])).toBe(":0");
  });
});

describe("replication lag and failover", () => {
  it("loses the writes a lagging replica had not received when it is promoted", async () => {
    const clock = new ManualClock();
    const cluster = await startCluster({ shards: 1, replicas: 1, clock });
    const clients: RawClient[] = [];
    try {
      const primary = await RawClient.connect(cluster.primaryNode(0).port);
      clients.push(primary);
      expect(await primary.call(["SET", "early", "1"])).toBe("+OK");
      cluster.setReplicationLag(0, 500);
      expect(await primary.call(["SET", "late", "1"])).toBe("+OK");
      const promoted = await cluster.failover(0);
      clock.advance(1000);
      const client = await RawClient.connect(promoted.port);
      clients.push(client);
      expect(await client.call(["GET", "early"])).toBe("$1");
      expect(await client.call(["GET", "late"])).toEqual({ nil: "$" });
    } finally {
      for (const client of clients) client.close();
      await cluster.stop();
    }
  });

  it("serves reads while down when cluster-allow-reads-when-down is set", async () => {
    const cluster = await startCluster({
      shards: 1,
      config: { "cluster-allow-reads-when-down": "yes" },
    });
    const client = await RawClient.connect(cluster.primaryNode(0).port);
    try {
      await client.call(["SET", "k", "v"]);
      cluster.setClusterDown(true);
      expect(await client.call(["GET", "k"])).toBe("$v");
      expect(await client.call(["SET", "k", "w"])).toBe(
        "-CLUSTERDOWN The cluster is down and only accepts read commands",
      );
    } finally {
      client.close();
      await cluster.stop();
    }
  });
});

describe("announced endpoints", () => {
  it("shows a zone set by CONFIG SET and an announced hostname in the topology replies", async () => {
    const cluster = await startCluster({ shards: 1, replicas: 1 });
    const client = await RawClient.connect(cluster.primaryNode(0).port);
    try {
      await client.call(["HELLO", "3"]);
      expect(await client.call(["CONFIG", "SET", "availability-zone", "us-east-1a"])).toBe("+OK");
      cluster.announce(cluster.replicasOf(0)[0] as FakeNode, { hostname: "replica.local" });
      const slots = await client.call(["CLUSTER", "SLOTS"]);
      expect(slots).toEqual([
        [
          ":0",
          ":16383",
          [
            "$127.0.0.1",
            expect.any(String),
            expect.any(String),
            { map: [["$availability-zone", "$us-east-1a"]] },
          ],
          [
            "$127.0.0.1",
            expect.any(String),
            expect.any(String),
            { map: [["$hostname", "$replica.local"]] },
          ],
        ],
      ]);
      const hello = await client.call(["HELLO"]);
      expect(hello).toMatchObject({
        map: expect.arrayContaining([["$availability_zone", "$us-east-1a"]]),
      });
    } finally {
      client.close();
      await cluster.stop();
    }
  });
});

describe("endpoint announcements", () => {
  it("reports hostnames as endpoints, '?' without one, and empty or null endpoints in redirects", async () => {
    const cluster = await startCluster({ shards: 2 });
    const [first, second] = cluster.primaries as [FakeNode, FakeNode];
    const client = await RawClient.connect(first.port);
    try {
      cluster.announce(second, { hostname: "second.local" });
      cluster.setPreferredEndpoint("hostname");
      const slots = await client.call(["CLUSTER", "SLOTS"]);
      expect(slots).toEqual([
        [":0", ":8191", ["$?", `:${first.port}`, `$${first.id}`, ["$ip", "$127.0.0.1"]]],
        [
          ":8192",
          ":16383",
          ["$second.local", `:${second.port}`, `$${second.id}`, ["$ip", "$127.0.0.1"]],
        ],
      ]);
      expect(await client.call(["GET", "foo"])).toBe(`-MOVED 12182 second.local:${second.port}`);
      cluster.setPreferredEndpoint("ip");
      cluster.announce(second, { endpoint: null });
      expect(await client.call(["GET", "foo"])).toBe(`-MOVED 12182 :${second.port}`);
      const nullEndpoint = await client.call(["CLUSTER", "SLOTS"]);
      expect(Array.isArray(nullEndpoint) && (nullEndpoint[1] as unknown[])[2]).toEqual([
        { nil: "$" },
        `:${second.port}`,
        `$${second.id}`,
        ["$hostname", "$second.local"],
      ]);
      cluster.announce(second, { endpoint: "" });
      expect(await client.call(["GET", "foo"])).toBe(`-MOVED 12182 :${second.port}`);
    } finally {
      client.close();
      await cluster.stop();
    }
  });
});
