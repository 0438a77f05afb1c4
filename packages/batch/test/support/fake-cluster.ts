// Fake clusters and cluster clients for the suites, stopped and closed after each test.
import { GlideClusterClient, type GlideClusterClientConfiguration } from "@petrel/client";
import { fakeClusterHarness } from "@petrel/fake-valkey";
import { afterEach } from "vitest";

const harness = fakeClusterHarness((addresses, config: Partial<GlideClusterClientConfiguration>) =>
  GlideClusterClient.createClient({
    addresses,
    requestTimeout: 2000,
    periodicChecks: "disabled",
    ...config,
  }),
);
afterEach(harness.cleanup);

export const { fakeCluster, clusterClient } = harness;
export { keyOnShard, until } from "@petrel/fake-valkey";
