// node-redis (the `redis` package) against the fake: standalone on RESP2 and
// RESP3, Pub/Sub, and cluster routing.

import { createClient, createCluster } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeCluster,
  type FakeStandalone,
  startCluster,
  startStandalone,
} from "../../src/index.js";

describe("node-redis against the standalone fake", () => {
  let server: FakeStandalone;
  beforeAll(async () => {
    server = await startStandalone();
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([2, 3] as const)("runs commands on RESP%i", async (RESP) => {
    const client = createClient({ url: `redis://127.0.0.1:${server.port}`, RESP });
    await client.connect();
    try {
      expect(await client.set(`k${RESP}`, "v")).toBe("OK");
      expect(await client.get(`k${RESP}`)).toBe("v");
      expect(await client.hSet(`h${RESP}`, { f: "1" })).toBe(1);
      expect(await client.hGetAll(`h${RESP}`)).toEqual({ f: "1" });
      expect(await client.incr(`n${RESP}`)).toBe(1);
      const replies = await client.multi().set(`m${RESP}`, "1").get(`m${RESP}`).exec();
      expect(replies).toEqual(["OK", "1"]);
      const names = server.connections(server.primary).map((state) => state.libName);
      expect(names).toContain("node-redis");
    } finally {
      client.destroy();
    }
  });

  it("receives Pub/Sub messages", async () => {
    const publisher = createClient({ url: `redis://127.0.0.1:${server.port}` });
    const subscriber = publisher.duplicate();
    await Promise.all([publisher.connect(), subscriber.connect()]);
    try {
      const received = new Promise<string>((resolve) => {
        void subscriber.subscribe("ch", (message) => resolve(message));
      });
      for (let i = 0; i < 100 && server.primary.pubsub.count("channel", "ch") === 0; i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(await publisher.publish("ch", "payload")).toBe(1);
      expect(await received).toBe("payload");
    } finally {
      publisher.destroy();
      subscriber.destroy();
    }
  });
});

describe("node-redis cluster against the fake cluster", () => {
  let cluster: FakeCluster;
  beforeAll(async () => {
    cluster = await startCluster({ shards: 3, replicas: 0, seed: 11 });
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it("routes commands by slot", async () => {
    const client = createCluster({
      rootNodes: cluster.seeds.map((seed) => ({ url: `redis://${seed.host}:${seed.port}` })),
    });
    await client.connect();
    try {
      for (let i = 0; i < 20; i++) expect(await client.set(`nk:${i}`, String(i))).toBe("OK");
      for (let i = 0; i < 20; i++) expect(await client.get(`nk:${i}`)).toBe(String(i));
      expect(cluster.nodeForKey("nk:3").database(0).has(Buffer.from("nk:3"))).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it("delivers sharded Pub/Sub through the owning shard", async () => {
    const rootNodes = cluster.seeds.map((seed) => ({ url: `redis://${seed.host}:${seed.port}` }));
    const client = createCluster({ rootNodes });
    await client.connect();
    try {
      const received = new Promise<string>((resolve) => {
        void client.sSubscribe("orders", (message) => resolve(message));
      });
      const owner = cluster.nodeForKey("orders");
      for (let i = 0; i < 200 && owner.pubsub.count("shard", "orders") === 0; i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(await client.sPublish("orders", "o-1")).toBe(1);
      expect(await received).toBe("o-1");
    } finally {
      client.destroy();
    }
  });
});
