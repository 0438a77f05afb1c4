import { describe, expect, it } from "vitest";
import { type FakeClusterHarness, fakeClusterHarness, keyOnShard } from "./cluster-harness.js";

interface RecordedClient {
  seeds: { host: string; port: number }[];
  overrides: Partial<{ name: string }>;
  closed: boolean;
  close(): void;
}

function recordingHarness(): FakeClusterHarness<{ name: string }, RecordedClient> {
  return fakeClusterHarness(async (seeds, overrides: Partial<{ name: string }>) => {
    const client: RecordedClient = {
      seeds,
      overrides,
      closed: false,
      close() {
        client.closed = true;
      },
    };
    return client;
  });
}

describe("fakeClusterHarness", () => {
  it("connects clients to the cluster's seeds with the test's overrides", async () => {
    const harness = recordingHarness();
    try {
      const cluster = await harness.fakeCluster({ shards: 2 });
      const plain = await harness.clusterClient(cluster);
      const named = await harness.clusterClient(cluster, { name: "app" });
      expect(plain.seeds).toEqual(cluster.seeds);
      expect(plain.overrides).toEqual({});
      expect(named.overrides).toEqual({ name: "app" });
    } finally {
      await harness.cleanup();
    }
  });

  it("cleanup closes every client and stops every cluster, once", async () => {
    const harness = recordingHarness();
    const first = await harness.fakeCluster({ shards: 1 });
    const second = await harness.fakeCluster({ shards: 1 });
    const client = await harness.clusterClient(first);
    const nodes = [...first.nodes, ...second.nodes];
    expect(nodes.every((node) => node.running)).toBe(true);
    await harness.cleanup();
    expect(client.closed).toBe(true);
    expect(nodes.some((node) => node.running)).toBe(false);
    // Nothing is left to clean: a second cleanup touches nothing.
    client.closed = false;
    await harness.cleanup();
    expect(client.closed).toBe(false);
  });
});

describe("keyOnShard", () => {
  it("finds a key per shard and tag", async () => {
    const harness = recordingHarness();
    try {
      const cluster = await harness.fakeCluster({ shards: 3 });
      for (const shard of [0, 1, 2]) {
        const key = keyOnShard(cluster, shard, "t");
        expect(key.startsWith("t:")).toBe(true);
        expect(cluster.shardOfKey(key)).toBe(shard);
      }
      expect(() => keyOnShard(cluster, 3, "t")).toThrow("no key for shard 3");
    } finally {
      await harness.cleanup();
    }
  });
});
