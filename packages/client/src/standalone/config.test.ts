import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { NodeDiscoveryMode } from "../config/types.js";
import { resolveStandaloneConfig } from "./config.js";

const addresses = [{ host: "localhost" }];

describe("resolveStandaloneConfig", () => {
  it("picks the topology mode and readOnly's default readFrom", () => {
    expect(resolveStandaloneConfig({ addresses }).mode).toBe("discover");
    expect(
      resolveStandaloneConfig({ addresses, nodeDiscoveryMode: NodeDiscoveryMode.Static }).mode,
    ).toBe("static");
    const readOnly = resolveStandaloneConfig({ addresses, readOnly: true });
    expect(readOnly.mode).toBe("readOnly");
    expect(readOnly.base.readFrom).toBe("preferReplica");
    expect(
      resolveStandaloneConfig({ addresses, readOnly: true, readFrom: "primary" }).base.readFrom,
    ).toBe("primary");
  });

  it.each([
    [{ addresses, readOnly: "yes" }, "readOnly"],
    [{ addresses, nodeDiscoveryMode: 7 }, "nodeDiscoveryMode"],
    [
      { addresses, readOnly: true, readFrom: "AZAffinityReplicasAndPrimary", clientAz: "a" },
      "readOnly",
    ],
    [{ addresses: [] }, "addresses"],
  ])("rejects %j naming %s", (config, field) => {
    expect(() => resolveStandaloneConfig(config as never)).toThrow(ConfigurationError);
    expect(() => resolveStandaloneConfig(config as never)).toThrow(field);
  });
});
