// Discovery, keyed and keyless routing, routes, aggregation and multi-slot
// splits, on the fake cluster.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import {
  convertGlideRecordToRecord,
  type GlideRecord,
  ProtocolVersion,
  RequestError,
} from "../../src/index.js";
import { clusterClient, fakeCluster, keyOnShard } from "./helpers/fake-cluster.js";

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("routing over %s", (_name, protocol) => {
  it("sends keyed commands to the slot's primary", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { protocol });
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "k"));
    for (const key of keys) expect(await client.set(key, `v-${key}`)).toBe("OK");
    for (const [shard, key] of keys.entries()) {
      expect(await client.get(key)).toBe(`v-${key}`);
      expect(cluster.primaryNode(shard).database(0).has(Buffer.from(key))).toBe(true);
    }
    expect(cluster.commandCount("set")).toBe(3);
  });

  it("splits MGET, MSET, DEL and EXISTS per slot and reassembles in key order", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { protocol });
    const keys = Array.from({ length: 12 }, (_, i) => `multi:${i}`);
    expect(await client.mset(Object.fromEntries(keys.map((key) => [key, `v${key}`])))).toBe("OK");
    expect(await client.mget([...keys, "missing"])).toEqual([
      ...keys.map((key) => `v${key}`),
      null,
    ]);
    expect(await client.exists([...keys, "missing"])).toBe(12);
    expect(await client.del(keys.slice(0, 5))).toBe(5);
    expect(await client.mget(keys.slice(0, 6))).toEqual([null, null, null, null, null, "vmulti:5"]);
    // One MGET per distinct slot, never one with keys of several slots.
    const slots = new Set([...keys, "missing"].map((key) => keySlot(key)));
    expect(cluster.commandCount("mget")).toBe(
      slots.size + new Set(keys.slice(0, 6).map(keySlot)).size,
    );
  });

  it("aggregates fan-outs by policy, and per node without one", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const client = await clusterClient(cluster, { protocol });
    for (let i = 0; i < 9; i++) await client.set(`count:${i}`, "x");
    expect(await client.dbsize()).toBe(9);
    // PING's policy is allSucceeded: one "PONG". ECHO has none: one reply per node.
    expect(await client.customCommand(["PING"], { route: "allPrimaries" })).toBe("PONG");
    const echoes = await client.customCommand(["ECHO", "hi"], { route: "allNodes" });
    // Several nodes' replies come as GLIDE's customCommand gives them: { key: address, value }.
    expect(convertGlideRecordToRecord(echoes as GlideRecord<string>)).toEqual(
      Object.fromEntries(cluster.nodes.map((node) => [`${node.host}:${node.port}`, "hi"])),
    );
    const one = await client.customCommand(["PING"], { route: "randomNode" });
    expect(one).toBe("PONG");
  });

  it("honours slot, key and address routes", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, { protocol });
    const key = keyOnShard(cluster, 2, "route");
    await client.set(key, "v");
    expect(await client.customCommand(["DBSIZE"], { route: { type: "primarySlotKey", key } })).toBe(
      1,
    );
    expect(
      await client.customCommand(["DBSIZE"], {
        route: { type: "primarySlotId", id: keySlot(key) },
      }),
    ).toBe(1);
    const node = cluster.primaryNode(2);
    expect(
      await client.customCommand(["DBSIZE"], {
        route: { type: "routeByAddress", host: node.host, port: node.port },
      }),
    ).toBe(1);
    expect(
      await client.customCommand(["DBSIZE"], {
        route: { type: "routeByAddress", host: `${node.host}:${node.port}` },
      }),
    ).toBe(1);
    await expect(
      client.customCommand(["DBSIZE"], { route: { type: "primarySlotId", id: 99999 } }),
    ).rejects.toThrow(RequestError);
    await expect(client.customCommand([])).rejects.toThrow(RequestError);
    await expect(
      client.customCommand(["DBSIZE"], { route: { type: "routeByAddress", host: "10.9.9.9:1" } }),
    ).rejects.toThrow(/No known node at 10.9.9.9:1/);
  });
});

describe("cross-slot commands", () => {
  it("surfaces the server's CROSSSLOT at once, with no retry", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const [a, b] = [keyOnShard(cluster, 0, "x"), keyOnShard(cluster, 1, "y")];
    cluster.resetCounters();
    // SINTERSTORE is not split: keys of two slots are a caller error.
    await expect(client.sinterstore(a, [b])).rejects.toThrow(
      "An error was signalled by the server: - CrossSlot: Keys in request don't hash to the same slot",
    );
    const raw = await client
      .customCommand(["MSET", a, "1", b, "2"], { route: { type: "primarySlotKey", key: a } })
      .catch((error: Error) => error);
    expect(raw).toBeInstanceOf(RequestError);
    expect((raw as Error).message).toMatch(/^An error was signalled by the server: - CrossSlot: /);
    expect(cluster.commandCount("mset")).toBe(1);
  });
});

describe("connection settings", () => {
  it("every discovered node gets the client's credentials, name and protocol", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1, password: "s3cret" });
    const client = await clusterClient(cluster, {
      credentials: { password: "s3cret" },
      clientName: "petrel-cluster",
      protocol: ProtocolVersion.RESP2,
      readFrom: "preferReplica",
    });
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "auth"));
    for (const key of keys) expect(await client.set(key, key)).toBe("OK");
    for (const key of keys) expect(await client.get(key)).toBe(key);
    for (const node of cluster.nodes) {
      for (const state of cluster.connections(node)) {
        expect(state).toMatchObject({ authenticated: true, name: "petrel-cluster", resp: 2 });
      }
    }
    expect(cluster.replicaNodes.every((node) => cluster.connections(node).length > 0)).toBe(true);
  });
});
