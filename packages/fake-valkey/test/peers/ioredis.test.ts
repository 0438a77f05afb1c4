// ioredis, a client no one here wrote, against the fake: standalone, Pub/Sub,
// and a cluster that migrates a slot while ioredis follows MOVED and ASK.

import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeCluster,
  type FakeStandalone,
  keySlot,
  startCluster,
  startStandalone,
} from "../../src/index.js";

describe("ioredis against the standalone fake", () => {
  let server: FakeStandalone;
  let client: Redis;
  beforeAll(async () => {
    server = await startStandalone({ password: "pw" });
    client = new Redis({
      port: server.port,
      host: "127.0.0.1",
      password: "pw",
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    await client.connect();
  });
  afterAll(async () => {
    client?.disconnect();
    await server.stop();
  });

  it("runs strings, hashes, lists, sets, sorted sets and expiry", async () => {
    expect(await client.set("s", "v", "EX", 100)).toBe("OK");
    expect(await client.get("s")).toBe("v");
    expect(await client.ttl("s")).toBe(100);
    expect(await client.incrby("n", 5)).toBe(5);
    expect(await client.hset("h", { a: "1", b: "2" })).toBe(2);
    expect(await client.hgetall("h")).toEqual({ a: "1", b: "2" });
    expect(await client.rpush("l", "x", "y")).toBe(2);
    expect(await client.lrange("l", 0, -1)).toEqual(["x", "y"]);
    expect(await client.sadd("set", "m1", "m2")).toBe(2);
    expect((await client.smembers("set")).sort()).toEqual(["m1", "m2"]);
    expect(await client.zadd("z", 2, "b", 1, "a")).toBe(2);
    expect(await client.zrange("z", "0", "-1", "WITHSCORES")).toEqual(["a", "1", "b", "2"]);
    expect(await client.getBuffer("s")).toEqual(Buffer.from("v"));
  });

  it("runs pipelines and MULTI", async () => {
    const results = await client.multi().set("t", "1").incr("t").get("t").exec();
    expect(results).toEqual([
      [null, "OK"],
      [null, 2],
      [null, "2"],
    ]);
    const piped = await client.pipeline().ping().echo("e").exec();
    expect(piped).toEqual([
      [null, "PONG"],
      [null, "e"],
    ]);
  });

  it("surfaces server errors", async () => {
    await client.set("str", "x");
    await expect(client.lpush("str", "a")).rejects.toThrow(
      "WRONGTYPE Operation against a key holding the wrong kind of value",
    );
  });

  it("delivers Pub/Sub messages", async () => {
    const subscriber = client.duplicate();
    try {
      const received = new Promise<[string, string]>((resolve) => {
        subscriber.on("message", (channel: string, message: string) => resolve([channel, message]));
      });
      await subscriber.subscribe("news");
      expect(await client.publish("news", "hello")).toBe(1);
      expect(await received).toEqual(["news", "hello"]);
    } finally {
      subscriber.disconnect();
    }
  });
});

describe("ioredis Cluster against the fake cluster", () => {
  let cluster: FakeCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ shards: 3, replicas: 1, seed: 5 });
    client = new Cluster(cluster.seeds, {
      lazyConnect: true,
      redisOptions: { maxRetriesPerRequest: 3 },
    });
    await client.connect();
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster.stop();
  });

  it("routes keys to their shards", async () => {
    for (let i = 0; i < 30; i++) expect(await client.set(`key:${i}`, String(i))).toBe("OK");
    for (let i = 0; i < 30; i++) expect(await client.get(`key:${i}`)).toBe(String(i));
    expect(cluster.nodeForKey("key:0").database(0).has(Buffer.from("key:0"))).toBe(true);
  });

  it("follows ASK and MOVED through a slot migration, every command succeeding", async () => {
    const tag = "{mig}";
    const slot = keySlot(tag);
    const from = cluster.shardOfSlot(slot);
    const to = (from + 1) % 3;
    for (let i = 0; i < 20; i++) await client.set(`${tag}:${i}`, `v${i}`);
    const migration = cluster.migrateSlot(slot, to, { keysPerStep: 3 });
    cluster.resetCounters();
    let round = 0;
    while (migration.phase !== "done") {
      migration.step();
      for (let i = 0; i < 20; i++) expect(await client.get(`${tag}:${i}`)).toBe(`v${i}`);
      expect(await client.set(`${tag}:new${round}`, "n")).toBe("OK");
      round++;
    }
    expect(cluster.commandCount("asking")).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) expect(await client.get(`${tag}:${i}`)).toBe(`v${i}`);
    for (let r = 0; r < round; r++) expect(await client.get(`${tag}:new${r}`)).toBe("n");
    expect(
      cluster
        .primaryNode(to)
        .database(0)
        .has(Buffer.from(`${tag}:0`)),
    ).toBe(true);
  });

  it("keeps serving concurrent traffic while a migration runs interleaved with it", async () => {
    const tag = "{live}";
    const slot = keySlot(tag);
    const to = (cluster.shardOfSlot(slot) + 1) % 3;
    for (let i = 0; i < 50; i++) await client.set(`${tag}:${i}`, String(i));
    const traffic = Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        expect(await client.incr(`${tag}:${i}`)).toBe(i + 1);
      }),
    );
    await Promise.all([
      cluster.migrateSlot(slot, to, { keysPerStep: 5 }).runInterleaved(),
      traffic,
    ]);
    for (let i = 0; i < 50; i++) expect(await client.get(`${tag}:${i}`)).toBe(String(i + 1));
  });

  it("follows MOVED after a failover", async () => {
    await client.set("{fo}:k", "before");
    const shard = cluster.shardOfKey("{fo}");
    const promoted = await cluster.failover(shard);
    expect(await client.get("{fo}:k")).toBe("before");
    expect(await client.set("{fo}:k", "after")).toBe("OK");
    expect(promoted.database(0).get(Buffer.from("{fo}:k"))).toMatchObject({
      value: Buffer.from("after"),
    });
  });

  it("delivers Pub/Sub messages across nodes", async () => {
    const subscriber = client.duplicate();
    try {
      const received = new Promise<string>((resolve) => {
        subscriber.on("message", (_channel: string, message: string) => resolve(message));
      });
      await subscriber.subscribe("cluster-news");
      await client.publish("cluster-news", "hi");
      expect(await received).toBe("hi");
    } finally {
      subscriber.disconnect();
    }
  });
});
