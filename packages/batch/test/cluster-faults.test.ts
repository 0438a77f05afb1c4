// GlideClusterClient.exec with ClusterBatch on the fake cluster: pipelines split per node
// and reassembled in order, redirects, retry strategies, lost nodes, timeouts, routes,
// readFrom, and the checks made before anything is sent.
import {
  type ChannelMessages,
  ClosingError,
  ConnectionError,
  RequestError,
  subscribe,
  TimeoutError,
} from "@petrel/client";
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { ClusterBatch } from "../src/index.js";
import { clusterClient, fakeCluster, keyOnShard, until } from "./support/fake-cluster.js";

const TRYAGAIN = "TRYAGAIN Multiple keys request during rehashing of slot";
/** GLIDE's message for it. */
const TRYAGAIN_MESSAGE =
  "An error was signalled by the server: - TryAgain: Multiple keys request during rehashing of slot";

describe("cluster pipelines", () => {
  it("runs 10,000 commands across 3 shards and returns the results in order", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 20_000 });
    const batch = new ClusterBatch(false);
    const expected: unknown[] = [];
    for (let i = 0; i < 5000; i++) {
      batch.set(`big:${i}`, String(i)).get(`big:${i}`);
      expected.push("OK", String(i));
    }
    expect(await client.exec(batch, true)).toEqual(expected);
    for (let shard = 0; shard < 3; shard++)
      expect(cluster.commandCount("set", cluster.primaryNode(shard))).toBeGreaterThan(1000);
  });

  it("splits multi-slot commands and aggregates multi-node ones inside the pipeline", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "multi"));
    const batch = new ClusterBatch(false)
      .mset(Object.fromEntries(keys.map((key) => [key, key])))
      .mget(keys)
      .exists(keys)
      .dbsize()
      .del(keys);
    expect(await client.exec(batch, true)).toEqual(["OK", keys, 3, 3, 3]);
  });

  it("re-sends only the commands a MOVED redirected, keeping the order", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const moved = keyOnShard(cluster, 0, "moved");
    const stays = keyOnShard(cluster, 1, "stays");
    await client.mset({ [moved]: "m", [stays]: "s" });
    cluster.migrateSlot(keySlot(moved), 2).run();
    cluster.resetCounters();
    const batch = new ClusterBatch(false).get(stays).get(moved).set(moved, "m2").get(moved);
    expect(await client.exec(batch, true)).toEqual(["s", "m", "OK", "m2"]);
    expect(cluster.commandCount("get", cluster.primaryNode(1))).toBe(1);
    expect(cluster.commandCount("get", cluster.primaryNode(2))).toBe(2);
    expect(cluster.commandCount("set", cluster.primaryNode(2))).toBe(1);
  });

  it("TRYAGAIN without retryServerError: the command carries the error, or it is thrown", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "tryagain");
    const other = keyOnShard(cluster, 1, "tryagain");
    await client.mset({ [key]: "v", [other]: "o" });
    const batch = new ClusterBatch(false).get(key).get(other);
    cluster.injectError({ node: cluster.primaryNode(0), command: "get", count: 1 }, TRYAGAIN);
    const results = (await client.exec(batch, false)) as unknown[];
    expect(results[0]).toBeInstanceOf(RequestError);
    expect((results[0] as Error).message).toBe(TRYAGAIN_MESSAGE);
    expect(results[1]).toBe("o");
    cluster.injectError({ node: cluster.primaryNode(0), command: "get", count: 1 }, TRYAGAIN);
    await expect(client.exec(batch, true)).rejects.toThrow(TRYAGAIN_MESSAGE);
    const strategy = { retryServerError: false, retryConnectionError: true };
    cluster.injectError({ node: cluster.primaryNode(0), command: "get", count: 1 }, TRYAGAIN);
    await expect(client.exec(batch, true, { retryStrategy: strategy })).rejects.toThrow(
      TRYAGAIN_MESSAGE,
    );
  });

  it("TRYAGAIN with retryServerError: the command is retried and succeeds", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "retry");
    await client.set(key, "v");
    cluster.resetCounters();
    cluster.injectError({ node: cluster.primaryNode(0), command: "get", count: 2 }, TRYAGAIN);
    const batch = new ClusterBatch(false).get(key).set(key, "w");
    const options = { retryStrategy: { retryServerError: true, retryConnectionError: false } };
    // The retried GET ran after the SET that followed it: the documented reordering.
    expect(await client.exec(batch, true, options)).toEqual(["w", "OK"]);
    expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(3);
  });

  it("a node lost mid-flight: its commands carry ConnectionError without retryConnectionError", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster);
    const lost = keyOnShard(cluster, 0, "lost");
    const fine = keyOnShard(cluster, 1, "fine");
    await client.mset({ [lost]: "1", [fine]: "2" });
    cluster.blackhole(cluster.primaryNode(0));
    const running = client.exec(new ClusterBatch(false).get(lost).get(fine).get(lost), false);
    await until(() => cluster.commandCount("get", cluster.primaryNode(1)) === 1);
    await cluster.failover(0, { kill: true });
    const results = (await running) as unknown[];
    expect(results[0]).toBeInstanceOf(ConnectionError);
    expect(results[1]).toBe("2");
    expect(results[2]).toBeInstanceOf(ConnectionError);
    // The client recovers on the promoted replica.
    expect(await client.get(lost)).toBe("1");
  });

  it("a node lost mid-flight: its sub-pipeline is re-sent with retryConnectionError", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster);
    const lost = keyOnShard(cluster, 0, "resent");
    const fine = keyOnShard(cluster, 1, "resent");
    await client.mset({ [lost]: "1", [fine]: "2" });
    cluster.blackhole(cluster.primaryNode(0));
    const running = client.exec(new ClusterBatch(false).get(lost).get(fine).incr(lost), true, {
      retryStrategy: { retryServerError: false, retryConnectionError: true },
    });
    await until(() => cluster.commandCount("get", cluster.primaryNode(1)) === 1);
    const promoted = await cluster.failover(0, { kill: true });
    expect(await running).toEqual(["1", "2", 2]);
    expect(cluster.commandCount("incr", promoted)).toBe(1);
  });

  it("close() while a pipeline waits rejects it with ClosingError", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 1, "closing");
    const node = cluster.primaryNode(1);
    cluster.blackhole(node);
    let sent = 0;
    const stop = subscribe("sendStart", ({ port }) => {
      if (port === node.port) sent++;
    });
    const running = client.exec(new ClusterBatch(false).set(key, "1").get(key), false);
    // Both commands go to that node as one sub-pipeline: one send.
    await until(() => sent === 1).finally(stop);
    client.close("closing for the test");
    const error = await running.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClosingError);
    expect((error as Error).message).toBe("closing for the test");
  });

  it("a timeout mid-batch rejects the whole batch with TimeoutError", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const slow = keyOnShard(cluster, 2, "slow");
    const fast = keyOnShard(cluster, 0, "fast");
    cluster.setLatency(cluster.primaryNode(2), 400);
    const batch = new ClusterBatch(false).set(fast, "1").get(slow);
    const started = performance.now();
    await expect(client.exec(batch, false, { timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(350);
    // The client's requestTimeout is the default; a larger batch timeout lets it finish.
    await expect(client.exec(batch, true)).resolves.toEqual(["OK", null]);
    await expect(
      (await clusterClient(cluster, { requestTimeout: 100 })).exec(batch, true),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it("sends read commands where readFrom says", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { readFrom: "preferReplica" });
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "reads"));
    await client.mset(Object.fromEntries(keys.map((key) => [key, key])));
    cluster.resetCounters();
    const batch = new ClusterBatch(false);
    for (const key of keys) batch.get(key).set(`${key}:written`, "w");
    expect(await client.exec(batch, true)).toEqual(keys.flatMap((key) => [key, "OK"]));
    const onPrimaries = (command: string) =>
      cluster.primaries.reduce((sum, node) => sum + cluster.commandCount(command, node), 0);
    expect(onPrimaries("get")).toBe(0);
    expect(cluster.commandCount("get")).toBe(3);
    expect(onPrimaries("set")).toBe(3);
  });

  it("route: keyless commands go to the named node, redirected ones are re-sent alone", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const node = cluster.primaryNode(1);
    const elsewhere = keyOnShard(cluster, 2, "routed");
    await client.set(elsewhere, "x");
    cluster.resetCounters();
    const batch = new ClusterBatch(false).ping().get(elsewhere).dbsize();
    const route = { type: "routeByAddress" as const, host: "127.0.0.1", port: node.port };
    const results = (await client.exec(batch, true, { route })) as unknown[];
    expect(results.slice(0, 2)).toEqual(["PONG", "x"]);
    expect(cluster.commandCount("ping", node)).toBe(1);
    expect(cluster.commandCount("dbsize", node)).toBe(1);
    expect(cluster.commandCount("get", node)).toBe(1);
    expect(cluster.commandCount("get", cluster.primaryNode(2))).toBe(1);
  });

  it("publishes one BATCH commandStart/commandEnd pair", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const starts: ChannelMessages["commandStart"][] = [];
    const ends: ChannelMessages["commandEnd"][] = [];
    const stopStart = subscribe("commandStart", (message) => starts.push(message));
    const stopEnd = subscribe("commandEnd", (message) => ends.push(message));
    try {
      await client.exec(new ClusterBatch(false).set("a", "1").set("b", "2").get("c"), false);
    } finally {
      stopStart();
      stopEnd();
    }
    expect(starts.map(({ name, glideName, batch }) => ({ name, glideName, batch }))).toEqual([
      { name: "BATCH", glideName: "Batch", batch: { size: 3, atomic: false } },
    ]);
    expect(ends.filter((end) => end.requestId === starts[0]?.requestId)).toHaveLength(1);
  });
});

describe("cluster transactions", () => {
  it("rejects keys in several slots before sending anything, naming the slots", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    cluster.resetCounters();
    const batch = new ClusterBatch(true).set("a", "1").get("b");
    const error = (await client.exec(batch, false).catch((caught: Error) => caught)) as Error;
    expect(error).toBeInstanceOf(RequestError);
    expect(error.message).toContain(`slot ${keySlot("a")}`);
    expect(error.message).toContain(`slot ${keySlot("b")}`);
    const multiKey = new ClusterBatch(true).mget(["a", "b"]);
    const multiKeyError = (await client
      .exec(multiKey, true)
      .catch((caught: Error) => caught)) as Error;
    expect(multiKeyError.message).toContain(`${keySlot("a")}, ${keySlot("b")}`);
    expect(cluster.commandCount("multi")).toBe(0);
  });

  it("rejects a retry strategy on an atomic batch", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    cluster.resetCounters();
    const retryStrategy = { retryServerError: true, retryConnectionError: false };
    await expect(
      client.exec(new ClusterBatch(true).set("k", "v"), true, { retryStrategy }),
    ).rejects.toThrow(/retryStrategy is not supported for atomic batches/);
    expect(cluster.commandCount("multi")).toBe(0);
  });

  it("follows an ASK with ASKING and the whole block on the importing node", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "ask");
    const migration = cluster.migrateSlot(keySlot(key), 1);
    migration.step();
    migration.step();
    cluster.resetCounters();
    const batch = new ClusterBatch(true).set(key, "1").incrBy(key, 2).get(key);
    expect(await client.exec(batch, true)).toEqual(["OK", 3, "3"]);
    expect(cluster.commandCount("asking", cluster.primaryNode(1))).toBe(1);
    expect(cluster.commandCount("exec", cluster.primaryNode(1))).toBe(1);
    expect(cluster.commandCount("set", cluster.primaryNode(1))).toBe(1);
  });

  it("route: a MOVED re-sends the whole transaction to the slot's owner", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 2, "tx-route");
    const wrong = cluster.primaryNode(0);
    cluster.resetCounters();
    const route = { type: "routeByAddress" as const, host: "127.0.0.1", port: wrong.port };
    const batch = new ClusterBatch(true).set(key, "1").incr(key);
    expect(await client.exec(batch, true, { route })).toEqual(["OK", 2]);
    expect(cluster.commandCount("multi", wrong)).toBe(1);
    expect(cluster.commandCount("exec", cluster.primaryNode(2))).toBe(1);
    expect(cluster.commandCount("incr", cluster.primaryNode(2))).toBe(1);
  });
});
