// Fake clusters and the cluster clients connected to them, tracked so that one
// cleanup (a suite's afterEach) closes and stops everything a test started.

import { type ClusterOptions, type FakeCluster, startCluster } from "../control/cluster.js";
import type { Address } from "../control/deployment.js";

/** Connects a cluster client to `seeds`, applying a test's configuration overrides. */
export type ConnectClusterClient<Config, Client> = (
  seeds: Address[],
  overrides: Partial<Config>,
) => Promise<Client>;

export interface FakeClusterHarness<Config, Client> {
  /** Starts a fake cluster that `cleanup` stops. */
  fakeCluster(options?: ClusterOptions): Promise<FakeCluster>;
  /** Connects a client seeded with the cluster's nodes, which `cleanup` closes. */
  clusterClient(cluster: FakeCluster, overrides?: Partial<Config>): Promise<Client>;
  /** Closes every client, then stops every cluster, started since the last cleanup. */
  cleanup(): Promise<void>;
}

export function fakeClusterHarness<Config, Client extends { close(): void }>(
  connect: ConnectClusterClient<Config, Client>,
): FakeClusterHarness<Config, Client> {
  const clusters: FakeCluster[] = [];
  const clients: Client[] = [];
  return {
    async fakeCluster(options = {}) {
      const cluster = await startCluster(options);
      clusters.push(cluster);
      return cluster;
    },
    async clusterClient(cluster, overrides = {}) {
      const client = await connect(cluster.seeds, overrides);
      clients.push(client);
      return client;
    },
    async cleanup() {
      for (const client of clients.splice(0)) client.close();
      for (const cluster of clusters.splice(0)) await cluster.stop();
    },
  };
}

/** A key whose slot the cluster's shard `shard` owns, distinct per `tag`. */
export function keyOnShard(cluster: FakeCluster, shard: number, tag: string): string {
  for (let i = 0; i < 100_000; i++) {
    const key = `${tag}:${i}`;
    if (cluster.shardOfKey(key) === shard) return key;
  }
  throw new Error(`no key for shard ${shard}`);
}
