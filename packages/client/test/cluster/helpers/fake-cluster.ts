// Shared setup for the cluster suites: fake clusters and clients that are
// stopped and closed after each test, and a bounded poll for conditions.
import { fakeClusterHarness } from "@petrel/fake-valkey";
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
