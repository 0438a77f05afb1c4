import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withAdminConnection } from "../admin/admin-connection.js";
import { findServerBinaries } from "../process/server-binaries.js";
import type { RunningTopology } from "./running-topology.js";
import { startSentinel } from "./sentinel.js";

describe.runIf(findServerBinaries() !== undefined)("startSentinel", () => {
  let topology: RunningTopology;
  beforeAll(async () => {
    topology = await startSentinel({ primaryName: "tooling" });
  }, 40_000);
  afterAll(() => topology?.stop());

  it("starts 1 primary, 2 replicas and 3 sentinels that agree on the primary", async () => {
    const { nodes, addresses, kind, primaryName } = topology.description;
    expect(kind).toBe("sentinel");
    expect(primaryName).toBe("tooling");
    expect(nodes.map((node) => node.role)).toEqual([
      "primary",
      "replica",
      "replica",
      "sentinel",
      "sentinel",
      "sentinel",
    ]);
    expect(addresses.map((address) => address.port)).toEqual(nodes.slice(3).map((n) => n.port));
    for (const sentinel of topology.processes.slice(3)) {
      const reply = await withAdminConnection(sentinel.admin, (connection) =>
        connection.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "tooling"),
      );
      expect(reply).toEqual(["127.0.0.1", String(nodes[0]!.port)]);
    }
  });

  it("stops every process by pid", async () => {
    const processes = topology.processes;
    await topology.stop();
    expect(processes.every((process) => !process.isRunning)).toBe(true);
  });
});
