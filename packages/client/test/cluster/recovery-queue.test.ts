// `recoveryRequestsQueueSize`: requests for a node that is reconnecting after a
// failure wait for it, up to the bound; beyond it (or with 0) they fail at once.
import { describe, expect, it } from "vitest";
import { ConnectionError, type GlideClusterClient, TimeoutError } from "../../src/index.js";
import {
  clusterClient,
  clusterWithShardDown,
  fakeCluster,
  keyOnShard,
  until,
} from "./helpers/fake-cluster.js";

/** GETs `key` until one fails with a ConnectionError saying `text`; how long that one took. */
async function failsWith(client: GlideClusterClient, key: string, text: string): Promise<number> {
  let took = Number.POSITIVE_INFINITY;
  await until(async () => {
    const started = performance.now();
    const error = await client.get(key).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Before the first reconnect fails, a request waits (and may time out on a busy machine).
    expect(error instanceof ConnectionError || error instanceof TimeoutError).toBe(true);
    if (error instanceof ConnectionError && error.message.includes(text))
      took = performance.now() - started;
    return took !== Number.POSITIVE_INFINITY;
  }, 8000);
  return took;
}

describe("recoveryRequestsQueueSize", () => {
  it("0 fails requests for a reconnecting node at once; other shards serve", async () => {
    const { cluster, client, down, up, node } = await clusterWithShardDown({
      recoveryRequestsQueueSize: 0,
      requestTimeout: 300,
    });
    expect(await failsWith(client, down, "recoveryRequestsQueueSize is 0")).toBeLessThan(50);
    expect(await client.get(up)).toBe("u");
    await cluster.restartNode(node);
    await until(async () => (await client.get(down).catch(() => undefined)) === "d", 8000);
  });

  it("a bounded queue: requests beyond it fail at once, those within wait and succeed", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, {
      recoveryRequestsQueueSize: 2,
      connectionBackoff: { numberOfRetries: 3, factor: 50, exponentBase: 2 },
      requestTimeout: 3000,
    });
    const key = keyOnShard(cluster, 2, "queued");
    await client.set(key, "q");
    const node = cluster.primaryNode(2);
    await cluster.killNode(node);
    // Let the loss be seen and a reconnect fail: the connection is recovering.
    await expect(client.get(key)).rejects.toBeInstanceOf(ConnectionError);
    const outcomes = Array.from({ length: 5 }, () =>
      client.get(key).then(
        (value) => ({ ok: true as const, value }),
        (error: Error) => ({ ok: false as const, error }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await cluster.restartNode(node);
    const settled = await Promise.all(outcomes);
    const full = settled.filter((o) => !o.ok);
    expect(full).toHaveLength(3);
    for (const o of full) if (!o.ok) expect(o.error.message).toContain("recovery queue is full");
    expect(settled.filter((o) => o.ok).map((o) => (o.ok ? o.value : null))).toEqual(["q", "q"]);
  });
});
