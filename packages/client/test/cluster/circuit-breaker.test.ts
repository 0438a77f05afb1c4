// The client circuit breaker (`clientCircuitBreaker`) against the fake's faults:
// a killed, blackholed or slow node trips its own breaker (one per node in a
// cluster), requests to it fail fast with CircuitBreakerError while the other
// shards serve theirs, and the breaker closes again once the node is back.
import { startStandalone } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import {
  CircuitBreakerError,
  type ClientCircuitBreakerConfiguration,
  GlideClient,
  type GlideClusterClient,
  TimeoutError,
} from "../../src/index.js";
import {
  clusterClient,
  clusterWithShardDown,
  fakeCluster,
  keyOnShard,
  until,
} from "./helpers/fake-cluster.js";

const breaker: ClientCircuitBreakerConfiguration = {
  minErrors: 3,
  openTimeoutMs: 300,
  consecutiveSuccesses: 2,
};
const quickBackoff = { numberOfRetries: 2, factor: 20, exponentBase: 2 };

/** Sends GET `key` until it is refused by the breaker; every other outcome must be a failure. */
async function getUntilRefused(client: GlideClusterClient | GlideClient, key: string) {
  let refused: unknown;
  await until(async () => {
    refused = await client.get(key).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    return refused instanceof CircuitBreakerError;
  }, 8000);
  return refused as CircuitBreakerError;
}

describe("client circuit breaker", () => {
  it("a killed node trips its own breaker; the other shards serve; restartNode closes it", async () => {
    const { cluster, client, down, up, node } = await clusterWithShardDown({
      clientCircuitBreaker: breaker,
      requestTimeout: 500,
    });

    const refused = await getUntilRefused(client, down);
    expect(refused.message).toBe("Client circuit breaker is open - core unhealthy");
    // Refused without being sent: at once.
    const started = performance.now();
    await expect(client.get(down)).rejects.toBeInstanceOf(CircuitBreakerError);
    expect(performance.now() - started).toBeLessThan(50);
    // Only that node's breaker is open.
    expect(await client.get(up)).toBe("u");

    await cluster.restartNode(node);
    await until(async () => (await client.get(down).catch(() => undefined)) === "d", 8000);
    for (let i = 0; i < 5; i++) expect(await client.get(down)).toBe("d");
  });

  it("a blackholed node trips the breaker with countTimeouts, and it closes when the node answers again", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster, {
      clientCircuitBreaker: { ...breaker, countTimeouts: true },
      connectionBackoff: quickBackoff,
      requestTimeout: 100,
      advancedConfiguration: { connectionTimeout: 200 },
    });
    const dark = keyOnShard(cluster, 2, "dark");
    const lit = keyOnShard(cluster, 0, "lit");
    await client.set(dark, "x");
    await client.set(lit, "y");
    const node = cluster.primaryNode(2);
    cluster.blackhole(node);
    await getUntilRefused(client, dark);
    expect(await client.get(lit)).toBe("y");
    cluster.blackhole(node, false);
    await until(async () => (await client.get(dark).catch(() => undefined)) === "x", 8000);
    expect(await client.get(dark)).toBe("x");
  });

  it("latency beyond the request timeout trips the breaker only when timeouts count", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const counting = await clusterClient(cluster, {
      clientCircuitBreaker: { ...breaker, countTimeouts: true },
      requestTimeout: 100,
    });
    const ignoring = await clusterClient(cluster, {
      clientCircuitBreaker: breaker,
      requestTimeout: 100,
    });
    const slow = keyOnShard(cluster, 1, "slow");
    await counting.set(slow, "s");
    cluster.setLatency(cluster.primaryNode(1), 250);
    await getUntilRefused(counting, slow);
    for (let i = 0; i < 8; i++) {
      await expect(ignoring.get(slow)).rejects.toBeInstanceOf(TimeoutError);
    }
  });

  it("is client-wide for a standalone client", async () => {
    const fake = await startStandalone();
    const client = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
      // Open longer than a request waits: a half-open breaker lets requests wait for the node.
      clientCircuitBreaker: { ...breaker, openTimeoutMs: 1000 },
      connectionBackoff: quickBackoff,
      requestTimeout: 200,
    });
    try {
      await client.set("k", "v");
      await fake.killNode(fake.primary);
      await getUntilRefused(client, "k");
      await expect(client.set("other", "1")).rejects.toBeInstanceOf(CircuitBreakerError);
      await fake.restartNode(fake.primary);
      await until(async () => (await client.get("k").catch(() => undefined)) === "v", 8000);
    } finally {
      client.close();
      await fake.stop();
    }
  });
});
