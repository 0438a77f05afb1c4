// MOVED, ASK, TRYAGAIN and malformed redirects (cluster-semantics.md §5,
// scenarios 1–10), with the fake's counters as the oracle.
import { createServer } from "node:net";
import { keySlot } from "@petrel/fake-valkey";
import { glideServerErrorMessage } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { type RedirectMessage, RequestError, subscribe } from "../../src/index.js";
import { clusterClient, fakeCluster, keyOnShard, until } from "./helpers/fake-cluster.js";

function recordRedirects(): { redirects: RedirectMessage[]; stop: () => void } {
  const redirects: RedirectMessage[] = [];
  const stop = subscribe("redirect", (message) => redirects.push(message));
  return { redirects, stop };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("MOVED", () => {
  it("1: a stale slot costs one extra round trip, and the map is patched", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "stale");
    await client.set(key, "v");
    cluster.migrateSlot(keySlot(key), 1).run();
    cluster.resetCounters();
    const { redirects, stop } = recordRedirects();
    try {
      expect(await client.get(key)).toBe("v");
      expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(1);
      expect(cluster.commandCount("get", cluster.primaryNode(1))).toBe(1);
      expect(redirects.map((r) => [r.kind, r.slot, r.port])).toEqual([
        ["MOVED", keySlot(key), cluster.primaryNode(1).port],
      ]);
      // The next command for the slot goes straight to the new owner.
      expect(await client.get(key)).toBe("v");
      expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(1);
      expect(cluster.commandCount("get", cluster.primaryNode(1))).toBe(2);
    } finally {
      stop();
    }
  });

  it("2: a MOVED storm during a reshard succeeds with a handful of refreshes", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, {
      requestTimeout: 10_000,
      inflightRequestsLimit: 20_000,
    });
    const keys = Array.from({ length: 2000 }, (_, i) => `storm:${i}`);
    await client.mset(Object.fromEntries(keys.map((key) => [key, key])));
    const refreshesBefore = client.topologyRefreshCount;
    cluster.resetCounters();
    // Move 1000 slots of shard 0 to shard 1, then hit them all at once.
    for (let slot = 0; slot < 1000; slot++) cluster.migrateSlot(slot, 1, { atomic: true }).run();
    // 10,000 commands in flight through the reshard.
    const requests = Array.from({ length: 5 }, () => keys).flat();
    const values = await Promise.all(requests.map((key) => client.get(key)));
    expect(values).toEqual(requests);
    // The background refresh the MOVEDs asked for has finished, and no other is pending.
    await until(() => client.topologyRefreshCount > refreshesBefore);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refreshes = client.topologyRefreshCount - refreshesBefore;
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(5);
    expect(cluster.commandCount("cluster|shards") + cluster.commandCount("cluster|slots")).toBe(
      refreshes * 3,
    );
  });

  it("2: a redirect loop stops after a bounded number of redirections", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    const key = keyOnShard(cluster, 0, "loop");
    const [a, b] = [cluster.primaryNode(0), cluster.primaryNode(1)];
    cluster.injectError(
      { node: a, command: "get", count: 100 },
      `MOVED ${keySlot(key)} 127.0.0.1:${b.port}`,
    );
    cluster.injectError(
      { node: b, command: "get", count: 100 },
      `MOVED ${keySlot(key)} 127.0.0.1:${a.port}`,
    );
    const error = await client.get(key).catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(/^An error was signalled by the server: - Moved: /);
    expect((error as RequestError).serverMessage).toMatch(/^MOVED /);
    expect(cluster.commandCount("get")).toBe(17);
  });

  it("3: MOVED to a node not in the map connects to it lazily", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "newnode");
    await client.set(key, "v");
    const shard = await cluster.addShard();
    cluster.migrateSlot(keySlot(key), shard).run();
    const node = cluster.primaryNode(shard);
    expect(cluster.counters(node).connections).toBe(0);
    expect(await client.get(key)).toBe("v");
    expect(cluster.counters(node).connections).toBeGreaterThanOrEqual(1);
    expect(cluster.commandCount("get", node)).toBe(1);
  });

  it("4: a circular MOVED recreates that connection once, for all concurrent commands", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const node = cluster.primaryNode(0);
    const keys = [0, 1, 2].map((i) => keyOnShard(cluster, 0, `circle${i}`));
    for (const key of keys) await client.set(key, key);
    const connectionsBefore = cluster.counters(node).connections;
    for (const key of keys)
      cluster.injectError(
        { node, command: "get", count: 1 },
        `MOVED ${keySlot(key)} 127.0.0.1:${node.port}`,
      );
    expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(keys);
    expect(cluster.counters(node).connections - connectionsBefore).toBe(1);
    expect(cluster.commandCount("get", node)).toBe(6);
  });

  it("5: an empty host in MOVED means the connection's host", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "samehost");
    await client.set(key, "v");
    cluster.migrateSlot(keySlot(key), 2).run();
    cluster.resetCounters();
    cluster.injectError(
      { node: cluster.primaryNode(0), command: "get", count: 1 },
      `MOVED ${keySlot(key)} :${cluster.primaryNode(2).port}`,
    );
    expect(await client.get(key)).toBe("v");
    expect(cluster.commandCount("get", cluster.primaryNode(2))).toBe(1);
  });

  it("5: a hostname in MOVED is resolved and connected to", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "hostname");
    await client.set(key, "v");
    cluster.migrateSlot(keySlot(key), 1).run();
    cluster.resetCounters();
    cluster.injectError(
      { node: cluster.primaryNode(0), command: "get", count: 1 },
      `MOVED ${keySlot(key)} localhost:${cluster.primaryNode(1).port}`,
    );
    expect(await client.get(key)).toBe("v");
    expect(cluster.commandCount("get", cluster.primaryNode(1))).toBe(1);
  });

  it.each(["MOVED __proto__ h:6379", "MOVED 99999 h:6379", "MOVED 12 hostonly", "ASK"])(
    "6: a malformed redirect (%s) is a plain server error",
    async (text) => {
      const cluster = await fakeCluster({ shards: 3 });
      const client = await clusterClient(cluster);
      const key = keyOnShard(cluster, 0, "malformed");
      cluster.resetCounters();
      cluster.injectError({ node: cluster.primaryNode(0), command: "get", count: 1 }, text);
      const error = await client.get(key).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(RequestError);
      expect((error as Error).message).toBe(glideServerErrorMessage(text));
      expect((error as RequestError).serverMessage).toBe(text);
      expect(cluster.commandCount("get")).toBe(1);
      expect(({} as Record<string, unknown>).slot).toBeUndefined();
      expect(await client.get(key)).toBeNull();
    },
  );
});

describe("ASK", () => {
  it("7: sends ASKING + the command to the target and leaves the map alone", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "ask");
    const migration = cluster.migrateSlot(keySlot(key), 1);
    migration.step(); // importing
    migration.step(); // migrating: a missing key is asked for on the target
    cluster.resetCounters();
    const { redirects, stop } = recordRedirects();
    try {
      expect(await client.set(key, "v")).toBe("OK");
      expect(cluster.commandCount("asking", cluster.primaryNode(1))).toBe(1);
      expect(cluster.commandCount("set", cluster.primaryNode(1))).toBe(1);
      expect(redirects.map((r) => r.kind)).toEqual(["ASK"]);
      // Not patched: the next command for the slot still goes to the source first.
      expect(await client.get(key)).toBe("v");
      expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(1);
      expect(cluster.commandCount("asking", cluster.primaryNode(1))).toBe(2);
    } finally {
      stop();
    }
  });

  it("8: ASK to an unreachable node falls back to the slot's owner", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, {
      connectionBackoff: { numberOfRetries: 1, factor: 10, exponentBase: 2 },
    });
    const key = keyOnShard(cluster, 0, "askdead");
    await client.set(key, "v");
    const port = await closedPort();
    cluster.injectError(
      { node: cluster.primaryNode(0), command: "get", count: 1 },
      `ASK ${keySlot(key)} 127.0.0.1:${port}`,
    );
    expect(await client.get(key)).toBe("v");
    expect(cluster.commandCount("get", cluster.primaryNode(0))).toBe(2);
  });

  it("10: in a split MGET/DEL, only the sub-command that got ASK is redirected", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const moving = keyOnShard(cluster, 0, "split-moving");
    const staying = [keyOnShard(cluster, 1, "split-a"), keyOnShard(cluster, 2, "split-b")];
    await client.mset({ [moving]: "m", [staying[0] as string]: "a", [staying[1] as string]: "b" });
    const migration = cluster.migrateSlot(keySlot(moving), 1, { keysPerStep: 100 });
    migration.step();
    migration.step();
    migration.step(); // the key now lives on the target; the slot is still migrating
    expect(migration.phase).toBe("moving");
    cluster.resetCounters();
    expect(await client.mget([staying[0] as string, moving, staying[1] as string])).toEqual([
      "a",
      "m",
      "b",
    ]);
    expect(cluster.commandCount("asking")).toBe(1);
    expect(await client.del([moving, ...staying, "absent"])).toBe(3);
    expect(cluster.commandCount("asking")).toBe(2);
  });
});

describe("TRYAGAIN", () => {
  it("9: backs off and retries until the migration lets the command through", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = ["{t}1", "{t}2"];
    cluster.injectError(
      { command: "mget", count: 2 },
      "TRYAGAIN Multiple keys request during rehashing of slot",
    );
    await client.mset({ "{t}1": "1", "{t}2": "2" });
    cluster.resetCounters();
    expect(await client.mget(keys)).toEqual(["1", "2"]);
    expect(cluster.commandCount("mget")).toBe(3);
  });

  it("9: gives up with TRYAGAIN after a bounded number of sends", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    cluster.injectError(
      { command: "mget", count: 100 },
      "TRYAGAIN Multiple keys request during rehashing of slot",
    );
    const error = await client.mget(["{t}1", "{t}2"]).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(
      "An error was signalled by the server: - TryAgain: Multiple keys request during rehashing of slot",
    );
    expect(cluster.commandCount("mget")).toBe(6);
  });

  it("9: a real migration: TRYAGAIN while keys are split, success once it completes", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { requestTimeout: 5000 });
    await client.mset({ "{m}1": "1", "{m}2": "2" });
    const slot = keySlot("{m}1");
    const migration = cluster.migrateSlot(slot, (cluster.shardOfSlot(slot) + 1) % 3, {
      keysPerStep: 1,
    });
    migration.step();
    migration.step();
    migration.step(); // one key moved, one not: multi-key commands get TRYAGAIN
    cluster.resetCounters();
    const pending = client.mget(["{m}1", "{m}2"]);
    setTimeout(() => migration.run(), 30);
    expect(await pending).toEqual(["1", "2"]);
    expect(cluster.commandCount("mget")).toBeGreaterThanOrEqual(2);
  });
});
