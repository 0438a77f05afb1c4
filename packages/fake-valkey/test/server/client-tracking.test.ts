// CLIENT TRACKING where only the fake can show it on demand: keys moved away
// by a slot migration, writes reaching a replica, the table's INFO figures
// and a closed connection leaving the table. The server's own semantics are
// compared with redis-server in test/differential/client-tracking.test.ts.

import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeCluster,
  type FakeStandalone,
  keySlot,
  startCluster,
  startStandalone,
  until,
} from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

const open = rawClientsPerTest();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function cluster(): Promise<FakeCluster> {
  const started = await startCluster({ shards: 2, replicas: 1, seed: 7 });
  stops.push(() => started.stop());
  return started;
}

async function standalone(): Promise<FakeStandalone> {
  const started = await startStandalone({ replicas: 1 });
  stops.push(() => started.stop());
  return started;
}

describe("CLIENT TRACKING on the fake", () => {
  it("invalidates keys a slot migration moves off the node", async () => {
    const fake = await cluster();
    const key = "{tracked}k";
    const source = fake.nodeForKey(key);
    const client = await open(source.port);
    await client.call(["HELLO", "3"]);
    expect(await client.call(["SET", key, "v"])).toBe("+OK");
    expect(await client.call(["CLIENT", "TRACKING", "ON"])).toBe("+OK");
    expect(await client.call(["GET", key])).toBe("$v");
    const target = 1 - fake.shardOfKey(key);
    const migration = fake.migrateSlot(keySlot(key), target, { keysPerStep: 1 });
    while (migration.phase !== "done") migration.step();
    expect(await client.read()).toEqual({ push: ["$invalidate", [`$${key}`]] });
    expect(await client.call(["GET", key])).toMatch(/^-MOVED /);
  });

  it("sends invalidations to clients tracking on a replica", async () => {
    const fake = await standalone();
    const replica = fake.replicas[0];
    if (replica === undefined) throw new Error("no replica");
    const reader = await open(replica.port);
    await reader.call(["HELLO", "3"]);
    await reader.call(["CLIENT", "TRACKING", "ON"]);
    expect(await reader.call(["GET", "k"])).toBe(null);
    const writer = await open(fake.port);
    expect(await writer.call(["SET", "k", "v"])).toBe("+OK");
    expect(await reader.read()).toEqual({ push: ["$invalidate", ["$k"]] });
  });

  it("counts tracking clients, keys and prefixes in INFO and forgets closed clients", async () => {
    const fake = await standalone();
    const info = async () => String(await (await open(fake.port)).call(["INFO", "everything"]));
    const reader = await open(fake.port);
    await reader.call(["HELLO", "3"]);
    await reader.call(["CLIENT", "TRACKING", "ON"]);
    await reader.call(["MGET", "a", "b"]);
    const bcast = await open(fake.port);
    await bcast.call(["HELLO", "3"]);
    await bcast.call(["CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "x", "PREFIX", "y"]);
    const figures = await info();
    expect(figures).toContain("tracking_clients:2\r\n");
    expect(figures).toContain("tracking_total_keys:2\r\n");
    expect(figures).toContain("tracking_total_items:2\r\n");
    expect(figures).toContain("tracking_total_prefixes:2\r\n");
    bcast.close();
    await until(async () => (await info()).includes("tracking_clients:1\r\n"), 2000);
    expect(await info()).toContain("tracking_total_prefixes:0\r\n");
    expect(await reader.call(["RESET"])).toBe("+RESET");
    expect(await info()).toContain("tracking_clients:0\r\n");
  });
});
