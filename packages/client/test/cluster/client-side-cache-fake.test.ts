// The client-side cache on the fake cluster: a slot migration and a failover must not leave
// an entry whose invalidation can no longer arrive, and the freshness guarantee holds.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { ClientSideCache, ConnectionError } from "../../src/index.js";
import { expectFreshUnderFourWriters } from "../helpers/cache-freshness.js";
import { clusterClient, fakeCluster, keyOnShard } from "./helpers/fake-cluster.js";

/** `operation` once it succeeds: right after a kill, a request may meet the dead socket first. */
async function afterFailover<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof ConnectionError) || attempt === 20) throw error;
    }
  }
}

const assisted = () =>
  ClientSideCache.create(4096, 0, { serverAssisted: true, enableMetrics: true });

describe("client-side cache on the fake cluster", () => {
  it("a slot migration: the moved key is never served stale", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const reader = await clusterClient(cluster, { clientSideCache: assisted() });
    const writer = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "migrating");
    await writer.set(key, "old");
    expect(await reader.get(key)).toBe("old");
    expect(await reader.get(key)).toBe("old");
    cluster.migrateSlot(keySlot(key), 1).run();
    await writer.set(key, "new"); // on shard 1 now, which never tracked the reader
    await reader.exists([key]);
    expect(await reader.get(key)).toBe("new");
    // Tracked on the new owner from now on.
    expect(await reader.get(key)).toBe("new");
    await writer.set(key, "newer");
    await reader.exists([key]);
    expect(await reader.get(key)).toBe("newer");
  });

  it("a failover with a kill: entries read from the old primary are dropped", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const reader = await clusterClient(cluster, {
      clientSideCache: assisted(),
      requestTimeout: 2000,
      connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2 },
    });
    const writer = await clusterClient(cluster, { requestTimeout: 2000 });
    const key = keyOnShard(cluster, 0, "failover");
    await writer.set(key, "old");
    expect(await reader.get(key)).toBe("old");
    await cluster.failover(0, { kill: true });
    await afterFailover(() => writer.set(key, "new"));
    expect(await afterFailover(() => reader.get(key))).toBe("new");
    await writer.set(key, "newer");
    await reader.exists([key]);
    expect(await reader.get(key)).toBe("newer");
  });

  it("never returns a stale value under 4 writers on 1,000 keys (the freshness guarantee)", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    await expectFreshUnderFourWriters(
      (config) => clusterClient(cluster, config),
      { clientSideCache: assisted() },
      {},
    );
  }, 60_000);
});
