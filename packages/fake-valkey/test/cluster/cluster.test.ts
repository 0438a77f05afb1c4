import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeCluster, type FakeNode, keySlot, startCluster, until } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

// With 3 shards: 0-5460 → shard 0, 5461-10922 → shard 1, 10923-16383 → shard 2.
// "bar" → 5061 (shard 0), "foo" → 12182 (shard 2).

describe("fake cluster", () => {
  let cluster: FakeCluster;
  let startMs = 0;
  const open = rawClientsPerTest();

  beforeAll(async () => {
    const started = performance.now();
    cluster = await startCluster({ shards: 3, replicas: 1, seed: 42 });
    startMs = performance.now() - started;
  });
  afterAll(() => cluster.stop());

  it("starts 3×1 well under a second", () => {
    expect(cluster.nodes).toHaveLength(6);
    expect(startMs).toBeLessThan(1000);
  });

  it("reports CLUSTER SLOTS with primaries and replicas", async () => {
    const client = await open(cluster.primaries[0]?.port as number);
    const slots = await client.call(["CLUSTER", "SLOTS"]);
    const [p0, p1, p2] = cluster.primaries;
    const [r0] = cluster.replicasOf(0);
    expect(slots).toEqual([
      [
        ":0",
        ":5460",
        ["$127.0.0.1", `:${p0?.port}`, `$${p0?.id}`, []],
        ["$127.0.0.1", `:${r0?.port}`, `$${r0?.id}`, []],
      ],
      [":5461", ":10922", ["$127.0.0.1", `:${p1?.port}`, `$${p1?.id}`, []], expect.any(Array)],
      [":10923", ":16383", ["$127.0.0.1", `:${p2?.port}`, `$${p2?.id}`, []], expect.any(Array)],
    ]);
    const info = String(await client.call(["CLUSTER", "INFO"]));
    expect(info).toContain("cluster_state:ok\r\n");
    expect(info).toContain("cluster_known_nodes:6\r\n");
    const nodes = String(await client.call(["CLUSTER", "NODES"]));
    expect(nodes.split("\n").filter((line) => line.includes("myself,master"))).toHaveLength(1);
    expect(await client.call(["CLUSTER", "KEYSLOT", "foo"])).toBe(":12182");
    expect(await client.call(["CLUSTER", "MYID"])).toBe(`$${p0?.id}`);
    await client.call(["HELLO", "3"]);
    const shards = await client.call(["CLUSTER", "SHARDS"]);
    expect(Array.isArray(shards) && shards[0]).toMatchObject({
      map: [
        ["$slots", [":0", ":5460"]],
        ["$nodes", expect.any(Array)],
      ],
    });
  });

  it("redirects with MOVED and refuses cross-slot requests", async () => {
    const p0 = cluster.primaries[0];
    const p2 = cluster.primaries[2];
    const client = await open(p0?.port as number);
    expect(await client.call(["SET", "foo", "1"])).toBe(`-MOVED 12182 127.0.0.1:${p2?.port}`);
    expect(await client.call(["SET", "bar", "1"])).toBe("+OK");
    expect(await client.call(["MSET", "bar", "1", "foo", "2"])).toBe(
      "-CROSSSLOT Keys in request don't hash to the same slot",
    );
    expect(await client.call(["SELECT", "1"])).toBe("-ERR SELECT is not allowed in cluster mode");
    expect(await client.call(["PING"])).toBe("+PONG");
  });

  it("serves reads on a replica only after READONLY", async () => {
    const p0 = cluster.primaries[0];
    const replica = cluster.replicasOf(0)[0];
    const writer = await open(p0?.port as number);
    expect(await writer.call(["SET", "bar", "v"])).toBe("+OK");
    const reader = await open(replica?.port as number);
    expect(await reader.call(["GET", "bar"])).toBe(`-MOVED 5061 127.0.0.1:${p0?.port}`);
    expect(await reader.call(["READONLY"])).toBe("+OK");
    expect(await reader.call(["GET", "bar"])).toBe("$v");
    expect(await reader.call(["SET", "bar", "x"])).toBe(`-MOVED 5061 127.0.0.1:${p0?.port}`);
    expect(cluster.connections(replica as FakeNode).find((state) => state.readonly)).toBeDefined();
    expect(await reader.call(["READWRITE"])).toBe("+OK");
    expect(await reader.call(["GET", "bar"])).toBe(`-MOVED 5061 127.0.0.1:${p0?.port}`);
  });

  it("aborts a transaction whose command was redirected", async () => {
    const client = await open(cluster.primaries[0]?.port as number);
    await client.call(["MULTI"]);
    expect(String(await client.call(["GET", "foo"]))).toMatch(/^-MOVED 12182 /);
    expect(await client.call(["EXEC"])).toBe(
      "-EXECABORT Transaction discarded because of previous errors.",
    );
  });

  it("broadcasts PUBLISH to every node and keeps SPUBLISH in the shard", async () => {
    const sub = await open(cluster.primaries[1]?.port as number);
    const shardSub = await open(cluster.primaries[2]?.port as number);
    const pub = await open(cluster.primaries[0]?.port as number);
    await sub.call(["SUBSCRIBE", "news"]);
    await shardSub.call(["SSUBSCRIBE", "foo"]);
    expect(await pub.call(["PUBLISH", "news", "x"])).toBe(":0");
    expect(await sub.read()).toEqual(["$message", "$news", "$x"]);
    expect(String(await pub.call(["SPUBLISH", "foo", "y"]))).toMatch(/^-MOVED 12182 /);
    const owner = await open(cluster.primaries[2]?.port as number);
    expect(await owner.call(["SPUBLISH", "foo", "y"])).toBe(":1");
    expect(await shardSub.read()).toEqual(["$smessage", "$foo", "$y"]);
    expect(await owner.call(["SSUBSCRIBE", "foo", "bar"])).toBe(
      "-CROSSSLOT Keys in request don't hash to the same slot",
    );
  });
});

describe("slot migration", () => {
  let cluster: FakeCluster;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    cluster = await startCluster({ shards: 2, replicas: 0, seed: 7 });
  });
  afterAll(() => cluster.stop());

  it("walks through IMPORTING, MIGRATING, ASK, TRYAGAIN and MOVED", async () => {
    // "foo" (12182) belongs to shard 1; move it to shard 0.
    const slot = keySlot("foo");
    const [target, source] = cluster.primaries;
    const src = await open(source?.port as number);
    const dst = await open(target?.port as number);
    await src.call(["SET", "{foo}a", "1"]);
    await src.call(["SET", "{foo}b", "2"]);
    const migration = cluster.migrateSlot(slot, 0, { keysPerStep: 1 });
    expect(migration.step()).toBe("importing");
    expect(await dst.call(["SET", "{foo}new", "x"])).toBe(
      `-MOVED ${slot} 127.0.0.1:${source?.port}`,
    );
    expect(migration.step()).toBe("migrating");
    const nodes = String(await src.call(["CLUSTER", "NODES"]));
    expect(nodes).toContain(`[${slot}->-${target?.id}]`);
    expect(await src.call(["GET", "{foo}a"])).toBe("$1");
    expect(await src.call(["SET", "{foo}new", "x"])).toBe(`-ASK ${slot} 127.0.0.1:${target?.port}`);
    expect(await src.call(["MGET", "{foo}a", "{foo}new"])).toBe(
      "-TRYAGAIN Multiple keys request during rehashing of slot",
    );
    expect(migration.step()).toBe("moving");
    expect(migration.keysRemaining).toBe(1);
    expect(await dst.call(["ASKING"])).toBe("+OK");
    expect(await dst.call(["SET", "{foo}new", "x"])).toBe("+OK");
    expect(await dst.call(["GET", "{foo}new"])).toBe(`-MOVED ${slot} 127.0.0.1:${source?.port}`);
    await dst.call(["ASKING"]);
    await dst.call(["MULTI"]);
    expect(await dst.call(["GET", "{foo}new"])).toBe("+QUEUED");
    expect(await dst.call(["GET", "{foo}new"])).toBe("+QUEUED");
    expect(await dst.call(["EXEC"])).toEqual(["$x", "$x"]);
    expect(cluster.commandCount("asking", target)).toBe(2);
    migration.run();
    expect(migration.phase).toBe("done");
    expect(await src.call(["GET", "{foo}a"])).toBe(`-MOVED ${slot} 127.0.0.1:${target?.port}`);
    expect(await dst.call(["MGET", "{foo}a", "{foo}b", "{foo}new"])).toEqual(["$1", "$2", "$x"]);
  });

  it("unblocks a client blocked on a slot that moved, with MOVED", async () => {
    const slot = keySlot("bar");
    const source = cluster.primaryNode(cluster.shardOfSlot(slot));
    const waiter = await open(source.port);
    waiter.send(["BLPOP", "bar", "0"]);
    await until(() => source.blockedCount > 0, 500);
    const to = cluster.shardOfSlot(slot) === 0 ? 1 : 0;
    cluster.migrateSlot(slot, to, { atomic: true }).run();
    expect(await waiter.read()).toBe(`-MOVED ${slot} 127.0.0.1:${cluster.primaryNode(to).port}`);
  });
});

describe("cluster faults", () => {
  let cluster: FakeCluster;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    cluster = await startCluster({ shards: 3, replicas: 1, seed: 9 });
  });
  afterAll(() => cluster.stop());

  it("injects errors a given number of times", async () => {
    const node = cluster.primaries[0];
    const client = await open(node?.port as number);
    cluster.injectError(
      { node: node?.port as number, command: "get", count: 2 },
      "LOADING Valkey is loading the dataset in memory",
    );
    expect(await client.call(["GET", "bar"])).toBe(
      "-LOADING Valkey is loading the dataset in memory",
    );
    expect(await client.call(["SET", "bar", "1"])).toBe("+OK");
    expect(await client.call(["GET", "bar"])).toBe(
      "-LOADING Valkey is loading the dataset in memory",
    );
    expect(await client.call(["GET", "bar"])).toBe("$1");
  });

  it("acts as a loading node until told otherwise", async () => {
    const node = cluster.primaries[0] as FakeNode;
    const client = await open(node.port);
    cluster.setLoading(node);
    expect(await client.call(["GET", "bar"])).toBe(
      "-LOADING Valkey is loading the dataset in memory",
    );
    expect(await client.call(["PING"])).toBe("+PONG");
    expect(String(await client.call(["INFO", "persistence"]))).toContain("loading:1\r\n");
    await client.call(["MULTI"]);
    expect(String(await client.call(["GET", "bar"]))).toMatch(/^-LOADING/);
    expect(String(await client.call(["EXEC"]))).toMatch(/^-EXECABORT/);
    cluster.setLoading(node, false);
    await client.call(["SET", "bar", "loaded"]);
    expect(await client.call(["GET", "bar"])).toBe("$loaded");
  });

  it("writes injected pushes and attributes ahead of real replies, and frames on demand", async () => {
    const node = cluster.primaries[1] as FakeNode;
    const client = await open(node.port);
    await client.call(["HELLO", "3"]);
    cluster.injectError(
      { node, command: "ping", count: 1, before: true },
      {
        type: "push",
        value: [
          { type: "bulk", value: "sunsubscribe" },
          { type: "bulk", value: "ch" },
          { type: "integer", value: 0 },
        ],
      },
    );
    client.send(["PING"]);
    expect(await client.read()).toEqual({ push: ["$sunsubscribe", "$ch", ":0"] });
    expect(await client.read()).toBe("+PONG");
    cluster.injectError(
      { node, command: "echo", count: 1 },
      { type: "raw", bytes: Buffer.from("+raw\r\n") },
    );
    expect(await client.call(["ECHO", "x"])).toBe("+raw");
    const id = Number(String(await client.call(["CLIENT", "ID"])).slice(1));
    expect(cluster.sendFrame(node, { type: "push", value: [] }, id)).toBe(1);
    expect(await client.read()).toEqual({ push: [] });
  });

  it("fails over: the replica takes the slots and holds the data", async () => {
    const oldPrimary = cluster.primaries[0];
    const writer = await open(oldPrimary?.port as number);
    await writer.call(["SET", "bar", "before"]);
    const promoted = await cluster.failover(0);
    expect(cluster.primaries[0]).toBe(promoted);
    expect(await writer.call(["GET", "bar"])).toBe(`-MOVED 5061 127.0.0.1:${promoted.port}`);
    const client = await open(promoted.port);
    expect(await client.call(["GET", "bar"])).toBe("$before");
    const slots = await client.call(["CLUSTER", "SLOTS"]);
    expect(Array.isArray(slots) && Array.isArray(slots[0]) && slots[0][2]).toEqual(
      expect.arrayContaining([`:${promoted.port}`]),
    );
    expect(String(await client.call(["INFO", "replication"]))).toContain("role:master");
  });

  it("kills and restarts nodes, and blackholes them", async () => {
    const node = cluster.replicasOf(1)[0];
    await cluster.killNode(node?.port as number);
    await expect(RawClient.connect(node?.port as number)).rejects.toThrow();
    await cluster.restartNode(node?.port as number);
    const client = await open(node?.port as number);
    expect(await client.call(["PING"])).toBe("+PONG");
    cluster.blackhole(node?.port as number);
    client.send(["PING"]);
    await expect(client.read(100)).rejects.toThrow("no reply");
    cluster.blackhole(node?.port as number, false);
    expect(await client.call(["PING"])).toBe("+PONG");
  });

  it("adds latency, drops connections and writes malformed bytes", async () => {
    const node = cluster.primaries[1];
    const client = await open(node?.port as number);
    cluster.setLatency(node?.port as number, 50);
    const started = performance.now();
    expect(await client.call(["PING"])).toBe("+PONG");
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    cluster.setLatency(node?.port as number, 0);
    expect(cluster.writeMalformed(node?.port as number, "+OK\r\n")).toBe(1);
    expect(await client.read()).toBe("+OK");
    cluster.dropConnections(node?.port as number);
    await client.waitClosed();
  });

  it("adds a shard, reports custom views and goes down on demand", async () => {
    const shard = await cluster.addShard({ replicas: 0 });
    expect(cluster.shardCount).toBe(4);
    const client = await open(cluster.primaryNode(shard).port);
    expect(String(await client.call(["CLUSTER", "INFO"]))).toContain("cluster_size:3\r\n");
    cluster.migrateSlot(0, shard).run();
    expect(await client.call(["CLUSTER", "COUNTKEYSINSLOT", "0"])).toBe(":0");
    cluster.reportSlotsView(cluster.primaryNode(shard), [{ start: 0, end: 16383, shard }]);
    const slots = await client.call(["CLUSTER", "SLOTS"]);
    expect(Array.isArray(slots) && slots.length).toBe(1);
    cluster.reportSlotsView(cluster.primaryNode(shard), undefined);
    cluster.setClusterDown(true);
    expect(await client.call(["GET", "bar"])).toBe("-CLUSTERDOWN The cluster is down");
    cluster.setClusterDown(false);
    expect(String(await client.call(["GET", "bar"]))).toMatch(/^-MOVED|^\$/);
  });

  it("counts commands per node and per connection", async () => {
    cluster.resetCounters();
    const node = cluster.primaries[2];
    const client = await open(node?.port as number);
    await client.call(["PING"]);
    await client.call(["PING"]);
    await client.call(["CLUSTER", "SLOTS"]);
    expect(cluster.commandCount("ping", node)).toBe(2);
    expect(cluster.commandCount("cluster|slots")).toBe(1);
    const state = cluster.connections(node as FakeNode)[0];
    expect(state?.commands.get("ping")).toBe(2);
  });
});
