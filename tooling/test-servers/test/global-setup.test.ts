// Runs under this package's vitest config, which loads the global setup by its
// package specifier exactly as other packages do, and asks for "standalone".
import { existsSync } from "node:fs";
import { vitestGlobalSetupPath, withAdminConnection } from "@petrel/test-servers";
import { describeWithServers, getServers, getTopology } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";

describeWithServers("servers provided by the global setup", ["standalone"], ({ standalone }) => {
  it("hands a running standalone server to the suite", async () => {
    expect(getServers().available).toBe(true);
    expect(standalone.kind).toBe("standalone");
    const pong = await withAdminConnection(standalone.addresses[0]!, (c) => c.text("PING"));
    expect(pong).toBe("PONG");
  });

  it("reports a topology the config did not ask for with a clear error", () => {
    expect(() => getTopology("cluster")).toThrow(
      /"cluster" was not started.*petrelServerTopologies/,
    );
  });
});

describe("global setup entry points", () => {
  it("exports an absolute path to the setup module", () => {
    expect(vitestGlobalSetupPath).toMatch(/global-setup\.ts$/);
    expect(existsSync(vitestGlobalSetupPath)).toBe(true);
  });
});
