// Cluster SCAN on the fake: every key once the cursor finishes, across a
// reshard in the middle of the scan, with filters, and the async iterator.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import {
  ClusterScanCursor,
  Decoder,
  type GlideClusterClient,
  type GlideString,
  ObjectType,
  RequestError,
} from "../../src/index.js";
import { clusterClient, fakeCluster } from "./helpers/fake-cluster.js";

async function scanAll(
  client: GlideClusterClient,
  options: Parameters<GlideClusterClient["scan"]>[1] = {},
  between: (step: number) => void = () => undefined,
): Promise<GlideString[]> {
  const found: GlideString[] = [];
  let cursor = new ClusterScanCursor();
  for (let step = 0; !cursor.isFinished(); step++) {
    if (step > 10_000) throw new Error("scan did not finish");
    const [next, keys] = await client.scan(cursor, options);
    found.push(...keys);
    cursor = next;
    between(step);
  }
  return found;
}

describe("cluster scan", () => {
  it("returns every key of every shard", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = Array.from({ length: 300 }, (_, i) => `scan:${i}`);
    await client.mset(Object.fromEntries(keys.map((key) => [key, "v"])));
    const found = await scanAll(client, { count: 20 });
    expect(new Set(found)).toEqual(new Set(keys));
  });

  it("applies MATCH, TYPE and the decoder", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    await client.mset({ "s:1": "a", "s:2": "b", "other:1": "c" });
    await client.rpush("s:list", ["x"]);
    const strings = await scanAll(client, { match: "s:*", type: ObjectType.STRING });
    expect(new Set(strings)).toEqual(new Set(["s:1", "s:2"]));
    const lists = await scanAll(client, { type: ObjectType.LIST, decoder: Decoder.Bytes });
    expect(lists).toEqual([Buffer.from("s:list")]);
  });

  it("returns every key present for the whole scan, across a reshard", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = Array.from({ length: 600 }, (_, i) => `reshard:${i}`);
    await client.mset(Object.fromEntries(keys.map((key) => [key, "v"])));
    // Move slots between shards while the scan walks them, both ways, mid-pass.
    const slots = [...new Set(keys.map((key) => keySlot(key)))].slice(0, 40);
    const found = await scanAll(client, { count: 5 }, (step) => {
      const slot = slots[step];
      if (slot === undefined) return;
      const to = (cluster.shardOfSlot(slot) + 1 + (step % 2)) % 3;
      cluster.migrateSlot(slot, to, { atomic: step % 2 === 0 }).run();
    });
    const seen = new Set(found);
    expect(keys.filter((key) => !seen.has(key))).toEqual([]);
  });

  it("misses no key moved during the ASK phase of step-by-step migrations", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    // Many keys in a few slots, so keys leave a slot while its source is being scanned.
    const tags = Array.from({ length: 6 }, (_, i) => `{mig${i}}`);
    const keys = tags.flatMap((tag) => Array.from({ length: 60 }, (_, i) => `${tag}:${i}`));
    const others = Array.from({ length: 200 }, (_, i) => `other:${i}`);
    for (const tag of tags) {
      await client.mset(
        Object.fromEntries(keys.filter((k) => k.startsWith(tag)).map((k) => [k, "v"])),
      );
    }
    await client.mset(Object.fromEntries(others.map((key) => [key, "v"])));
    const migrations = tags.map((tag) => {
      const slot = keySlot(tag);
      return cluster.migrateSlot(slot, (cluster.shardOfSlot(slot) + 1) % 3, { keysPerStep: 3 });
    });
    // One migration step (a few keys moved, ownership unchanged until the end) per scan call.
    const found = await scanAll(client, { count: 4 }, () => {
      const active = migrations.find((migration) => migration.phase !== "done");
      active?.step();
    });
    expect(migrations.every((migration) => migration.phase === "done")).toBe(true);
    const seen = new Set(found);
    expect([...keys, ...others].filter((key) => !seen.has(key))).toEqual([]);
  });

  it("iterates asynchronously over every key", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const client = await clusterClient(cluster);
    const keys = Array.from({ length: 50 }, (_, i) => `iter:${i}`);
    await client.mset(Object.fromEntries(keys.map((key) => [key, "v"])));
    const found = new Set<GlideString>();
    for await (const key of client.scanIterator({ match: "iter:*" })) found.add(key);
    expect(found).toEqual(new Set(keys));
  });

  it("rejects a cursor it did not produce, and finishes at once on a finished one", async () => {
    const cluster = await fakeCluster({ shards: 1 });
    const client = await clusterClient(cluster);
    await expect(client.scan(new ClusterScanCursor("bogus"))).rejects.toThrow(RequestError);
    const [cursor, keys] = await client.scan(new ClusterScanCursor("finished"));
    expect(cursor.isFinished()).toBe(true);
    expect(keys).toEqual([]);
  });

  it("stops at uncovered slots unless allowNonCoveredSlots", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const writer = await clusterClient(cluster);
    const keys = Array.from({ length: 200 }, (_, i) => `cover:${i}`);
    await writer.mset(Object.fromEntries(keys.map((key) => [key, "v"])));
    for (const node of cluster.nodes)
      cluster.reportSlotsView(node, [
        { start: 0, end: 8191, shard: 0 },
        { start: 9000, end: 16383, shard: 1 },
      ]);
    const client = await clusterClient(cluster);
    await expect(scanAll(client)).rejects.toThrow(/slot 8192/);
    const found = await scanAll(client, { allowNonCoveredSlots: true });
    const uncovered = (key: string) => keySlot(key) >= 8192 && keySlot(key) < 9000;
    expect(keys.some(uncovered)).toBe(true);
    // Slots 8192-8999 belong to shard 1 on the server: its SCAN returns them too.
    expect(new Set(found)).toEqual(new Set(keys));
  });
});
