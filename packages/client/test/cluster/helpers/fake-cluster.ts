// Shared setup for the cluster suites: fake clusters and clients that are
// stopped and closed after each test, and a bounded poll for conditions.
import { fakeClusterHarness, keyOnShard } from "@petrel/fake-valkey";
import { afterEach } from "vitest";
import { GlideClusterClient, type GlideClusterClientConfiguration } from "../../../src/index.js";

const harness = fakeClusterHarness((addresses, config: Partial<GlideClusterClientConfiguration>) =>
  GlideClusterClient.createClient({
    addresses,
    requestTimeout: 1000,
    periodicChecks: "disabled",
    ...config,
  }),
);
afterEach(harness.cleanup);

export const { fakeCluster, clusterClient } = harness;
export { keyOnShard, until } from "@petrel/fake-valkey";

/**
 * A 3-shard fake cluster and a client with `config` (and a quick reconnect backoff), a key set
 * on shard 0 ("d") and shard 1 ("u"), then shard 0's primary killed: the common start of the
 * node-down tests. Restart `node` to bring the shard back.
 */
export async function clusterWithShardDown(config: Partial<GlideClusterClientConfiguration>) {
  const cluster = await fakeCluster({ shards: 3 });
  const client = await clusterClient(cluster, {
    connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2 },
    ...config,
  });
  const down = keyOnShard(cluster, 0, "down");
  const up = keyOnShard(cluster, 1, "up");
  await client.set(down, "d");
  await client.set(up, "u");
  const node = cluster.primaryNode(0);
  await cluster.killNode(node);
  return { cluster, client, down, up, node };
}
