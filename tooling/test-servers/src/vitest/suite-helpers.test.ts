import { describe, expect, it } from "vitest";
import type { TopologyDescription } from "../types.js";
import type { ProvidedServers } from "./provided-context.js";
import { planServerSuite } from "./suite-helpers.js";

const standalone = { kind: "standalone" } as TopologyDescription;

describe("planServerSuite", () => {
  it("skips, with the setup's reason, when no server binary is installed", () => {
    const servers: ProvidedServers = {
      available: false,
      skipReason: "install redis-server",
      serverBinary: undefined,
      topologies: {},
    };
    expect(planServerSuite(servers, ["cluster"])).toEqual({
      run: false,
      skipReason: "install redis-server",
    });
  });

  it("runs with the requested topologies", () => {
    const servers: ProvidedServers = {
      available: true,
      skipReason: undefined,
      serverBinary: "/usr/bin/redis-server",
      topologies: { standalone },
    };
    expect(planServerSuite(servers, ["standalone"])).toEqual({
      run: true,
      topologies: { standalone },
    });
  });

  it("fails loudly when a needed topology was not started", () => {
    const servers: ProvidedServers = {
      available: true,
      skipReason: undefined,
      serverBinary: "/usr/bin/redis-server",
      topologies: { standalone },
    };
    expect(() => planServerSuite(servers, ["standalone", "tls"])).toThrow(/"tls" was not started/);
  });
});
