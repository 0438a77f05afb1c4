import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_PERIODIC_CHECK_MS, resolveClusterConfig } from "./config.js";

const addresses = [{ host: "10.0.0.1", port: 7000 }];

describe("resolveClusterConfig", () => {
  it("defaults to 60 s periodic checks and the shared defaults", () => {
    const resolved = resolveClusterConfig({ addresses });
    expect(resolved.periodicCheckMs).toBe(DEFAULT_PERIODIC_CHECK_MS);
    expect(resolved.refreshFromInitialNodes).toBe(false);
    expect(resolved.base.addresses).toEqual(addresses);
    expect(resolved.base.requestTimeoutMs).toBe(250);
  });

  it("takes recoveryRequestsQueueSize, GLIDE's 1000 by default, 0 for fail fast", () => {
    expect(resolveClusterConfig({ addresses }).recoveryRequestsQueueSize).toBe(1000);
    expect(
      resolveClusterConfig({ addresses, recoveryRequestsQueueSize: 0 }).recoveryRequestsQueueSize,
    ).toBe(0);
    for (const bad of [-1, 1.5, "10"]) {
      expect(() =>
        resolveClusterConfig({ addresses, recoveryRequestsQueueSize: bad as number }),
      ).toThrow(/recoveryRequestsQueueSize must be an integer/);
    }
  });

  it("reads every form of periodicChecks", () => {
    expect(resolveClusterConfig({ addresses, periodicChecks: "disabled" }).periodicCheckMs).toBe(
      undefined,
    );
    expect(
      resolveClusterConfig({ addresses, periodicChecks: "enabledDefaultConfigs" }).periodicCheckMs,
    ).toBe(60_000);
    expect(
      resolveClusterConfig({ addresses, periodicChecks: { duration_in_sec: 5 } }).periodicCheckMs,
    ).toBe(5000);
  });

  it("keeps the shared advanced options and takes the cluster-only one", () => {
    const resolved = resolveClusterConfig({
      addresses,
      advancedConfiguration: { connectionTimeout: 700, refreshTopologyFromInitialNodes: true },
    });
    expect(resolved.base.connectionTimeoutMs).toBe(700);
    expect(resolved.refreshFromInitialNodes).toBe(true);
  });

  it.each([
    [{ periodicChecks: { duration_in_sec: 0 } }, /periodicChecks.duration_in_sec/],
    [{ periodicChecks: "sometimes" }, /periodicChecks must be/],
    [{ advancedConfiguration: { refreshTopologyFromInitialNodes: "yes" } }, /refreshTopology/],
    [{ readFrom: "nearest" }, /readFrom/],
    [{ addresses: [] }, /addresses/],
  ])("rejects %j", (override, message) => {
    expect(() => resolveClusterConfig({ addresses, ...(override as object) })).toThrow(
      ConfigurationError,
    );
    expect(() => resolveClusterConfig({ addresses, ...(override as object) })).toThrow(message);
  });
});
