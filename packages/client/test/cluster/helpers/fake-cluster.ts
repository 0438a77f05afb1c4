// Shared setup for the cluster suites: fake clusters and clients that are
// stopped and closed after each test, and a bounded poll for conditions.
import { type ClusterOptions, type FakeCluster, startCluster } from "@petrel/fake-valkey";
import { afterEach } from "vitest";
import { GlideClusterClient, type GlideClusterClientConfiguration } from "../../../src/index.js";

const clusters: FakeCluster[] = [];
const clients: GlideClusterClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const cluster of clusters.splice(0)) await cluster.stop();
});

export async function fakeCluster(options: ClusterOptions = {}): Promise<FakeCluster> {
  const cluster = await startCluster(options);
  clusters.push(cluster);
  return cluster;
}

export async function clusterClient(
  cluster: FakeCluster,
  config: Partial<GlideClusterClientConfiguration> = {},
): Promise<GlideClusterClient> {
  const client = await GlideClusterClient.createClient({
    addresses: cluster.seeds,
    requestTimeout: 1000,
    periodicChecks: "disabled",
    ...config,
  });
  clients.push(client);
  return client;
}

/** Polls `check` every 5 ms until it holds; throws after `deadlineMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  deadlineMs = 5000,
): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A key whose slot the fake's shard `shard` owns, distinct per `tag`. */
export function keyOnShard(cluster: FakeCluster, shard: number, tag: string): string {
  for (let i = 0; i < 100_000; i++) {
    const key = `${tag}:${i}`;
    if (cluster.shardOfKey(key) === shard) return key;
  }
  throw new Error(`no key for shard ${shard}`);
}
