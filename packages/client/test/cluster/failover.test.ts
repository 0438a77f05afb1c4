// Failovers and connection faults (cluster-semantics.md §5, 16–22 and 26):
// what fails, what is retried, and that nothing runs twice.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { ClosingError, ConnectionError, subscribe, TimeoutError } from "../../src/index.js";
import { clusterClient, fakeCluster, keyOnShard, until } from "./helpers/fake-cluster.js";

describe("failover", () => {
  it("16: a primary killed mid-flight: its written commands fail, others succeed, none runs twice", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, {
      requestTimeout: 2000,
      connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2 },
    });
    const doomed = Array.from({ length: 5 }, (_, i) => keyOnShard(cluster, 0, `doomed${i}`));
    const safe = Array.from({ length: 5 }, (_, i) => keyOnShard(cluster, 1, `safe${i}`));
    const node0 = cluster.primaryNode(0);
    const written: number[] = [];
    const stop = subscribe("sendStart", (message) => {
      if (message.port === node0.port) written.push(message.requestId);
    });
    // The node reads the INCRs and never answers: they are written, their outcome unknown.
    cluster.blackhole(node0);
    const inFlight = doomed.map((key) =>
      client.incr(key).then(
        (value) => ({ ok: true as const, value }),
        (error: Error) => ({ ok: false as const, error }),
      ),
    );
    const others = safe.map((key) => client.incr(key));
    await until(() => written.length === 5);
    stop();
    const promoted = await cluster.failover(0, { kill: true });
    expect(await Promise.all(others)).toEqual([1, 1, 1, 1, 1]);
    const outcomes = await Promise.all(inFlight);
    for (const outcome of outcomes) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toBeInstanceOf(ConnectionError);
    }
    // After the promotion, the slots answer from the new primary, and the lost writes did not run there.
    const started = performance.now();
    expect(await client.incr(doomed[0] as string)).toBe(1);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(cluster.commandCount("incr", promoted)).toBe(1);
  });

  it("17: a manual failover with no kill is invisible to callers", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { requestTimeout: 2000 });
    const keys = Array.from({ length: 20 }, (_, i) => keyOnShard(cluster, i % 3, `manual${i}`));
    const writer = (async () => {
      for (let round = 0; round < 20; round++) {
        await Promise.all(keys.map((key) => client.incr(key)));
      }
    })();
    await until(() => cluster.commandCount("incr") > 100);
    await cluster.failover(0);
    await writer;
    expect(await client.mget(keys)).toEqual(keys.map(() => "20"));
  });

  it("18: a blackholed primary times out; other shards are unaffected", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 1000 });
    const stuck = keyOnShard(cluster, 0, "hole");
    const fine = keyOnShard(cluster, 1, "fine");
    await client.set(fine, "ok");
    cluster.blackhole(cluster.primaryNode(0));
    let settled = false;
    const started = performance.now();
    const pending = client.get(stuck).catch((error: Error) => error);
    pending.finally(() => {
      settled = true;
    });
    for (let i = 0; i < 10; i++) expect(await client.get(fine)).toBe("ok");
    // The other shard answered while the blackholed request was still waiting.
    expect(settled).toBe(false);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    cluster.blackhole(cluster.primaryNode(0), false);
  });

  it("19/22: READONLY is sent on replica connections, again after a reconnect", async () => {
    const cluster = await fakeCluster({ shards: 1, replicas: 1 });
    const client = await clusterClient(cluster, { readFrom: "preferReplica", clientName: "app" });
    await client.set("r", "v");
    const replica = cluster.replicasOf(0)[0];
    if (replica === undefined) throw new Error("no replica");
    await until(async () => (await client.get("r")) === "v");
    const readonlyStates = () => cluster.connections(replica).map((c) => [c.readonly, c.name]);
    expect(readonlyStates()).toEqual([[true, "app"]]);
    cluster.dropConnections(replica);
    // A command written before the client saw the close fails; the next ones reconnect.
    await until(
      async () =>
        (await client.get("r").catch(() => undefined)) === "v" &&
        cluster.connections(replica).length > 0,
    );
    expect(readonlyStates()).toEqual([[true, "app"]]);
    expect(cluster.commandCount("get", replica)).toBeGreaterThanOrEqual(2);
  });

  it("20: with every node down, commands fail with a connection error, in time", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, {
      requestTimeout: 2000,
      connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2 },
    });
    await Promise.all(cluster.nodes.map((node) => cluster.killNode(node)));
    const started = performance.now();
    const errors = await Promise.all(
      ["a", "b", "c"].map((key) => client.get(key).catch((error: Error) => error)),
    );
    for (const error of errors) expect(error).toBeInstanceOf(ConnectionError);
    expect(performance.now() - started).toBeLessThan(2000);
    client.close();
    await expect(client.get("a")).rejects.toThrow(/closed/);
  });

  it("21: a blocked BLPOP follows the MOVED its slot's move causes", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "blocked");
    const popped = client.blpop([key], 0);
    await until(() => cluster.commandCount("blpop", cluster.primaryNode(0)) === 1);
    cluster.migrateSlot(keySlot(key), 1).run();
    await until(() => cluster.commandCount("blpop", cluster.primaryNode(1)) === 1);
    cluster.keyspace(key);
    const pusher = await clusterClient(cluster);
    await pusher.rpush(key, ["x"]);
    expect(await popped).toEqual([key, "x"]);
  });

  it("21: a blocked BLPOP whose node dies is rejected, not left pending", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "blockdie");
    const popped = client.blpop([key], 0).catch((error: Error) => error);
    await until(() => cluster.commandCount("blpop", cluster.primaryNode(0)) === 1);
    await cluster.failover(0, { kill: true });
    expect(await popped).toBeInstanceOf(ConnectionError);
  });

  it("22: a replica answering LOADING sends the read to the primary", async () => {
    const cluster = await fakeCluster({ shards: 1, replicas: 1 });
    const client = await clusterClient(cluster, { readFrom: "preferReplica" });
    await client.set("l", "v");
    const replica = cluster.replicasOf(0)[0];
    if (replica === undefined) throw new Error("no replica");
    await until(async () => (await client.get("l")) === "v");
    cluster.resetCounters();
    cluster.injectError(
      { node: replica, command: "get", count: 1 },
      "LOADING Redis is loading the dataset in memory",
    );
    expect(await client.get("l")).toBe("v");
    expect(cluster.commandCount("get", replica)).toBe(1);
    expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(1);
  });

  it("22: a replica answering MOVED after a reshard triggers a refresh", async () => {
    const cluster = await fakeCluster({ shards: 2, replicas: 1 });
    const client = await clusterClient(cluster, { readFrom: "preferReplica" });
    const key = keyOnShard(cluster, 0, "replicamoved");
    await client.set(key, "v");
    await until(async () => (await client.get(key)) === "v");
    const refreshes = client.topologyRefreshCount;
    cluster.migrateSlot(keySlot(key), 1).run();
    await until(async () => (await client.get(key)) === "v");
    await until(() => client.topologyRefreshCount > refreshes);
  });
});

describe("unsolicited frames", () => {
  it("26: a RESP3 push between replies never shifts the reply queue", async () => {
    const cluster = await fakeCluster({ shards: 1 });
    const client = await clusterClient(cluster);
    await client.set("p", "v");
    const push = ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n";
    expect(cluster.writeMalformed(cluster.primaryNode(0), push)).toBeGreaterThan(0);
    expect(await client.get("p")).toBe("v");
    expect(await client.set("p", "w")).toBe("OK");
    expect(await client.get("p")).toBe("w");
  });
});

describe("close", () => {
  it("rejects requests that are retrying, and nothing reconnects afterwards", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    cluster.setClusterDown(true);
    const pending = client.get("k").catch((error: Error) => error);
    await until(() => cluster.commandCount("get") >= 1);
    const connections = cluster.nodes.map((node) => cluster.counters(node).connections);
    client.close("bye");
    const error = await pending;
    expect(error).toBeInstanceOf(ClosingError);
    expect((error as Error).message).toBe("bye");
    cluster.setClusterDown(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cluster.nodes.map((node) => cluster.counters(node).connections)).toEqual(connections);
  });
});
