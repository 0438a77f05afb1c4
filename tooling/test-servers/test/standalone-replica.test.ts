import { describe, expect, it } from "vitest";
import { startStandalone, withAdminConnection } from "../src/index.js";
import { waitUntil } from "../src/util/wait-until.js";
import { expectTopologyGone } from "./process-assertions.js";

describe("standalone with a replica", () => {
  it("links the replica before returning, and the replica follows writes", async () => {
    const topology = await startStandalone({ withReplica: true, password: "pw" });
    try {
      const [primary, replica] = topology.processes;
      expect(topology.description.nodes.map((node) => node.role)).toEqual(["primary", "replica"]);
      expect(topology.description.nodes[1]!.primaryPort).toBe(primary!.port);
      await withAdminConnection(primary!.admin, (c) => c.call("SET", "greeting", "hello"));
      await waitUntil(
        () =>
          withAdminConnection(
            replica!.admin,
            async (c) => (await c.call("GET", "greeting")) === "hello",
          ),
        { description: "replicated write", deadlineMs: 5_000 },
      );
      await expect(
        withAdminConnection(replica!.admin, (c) => c.call("SET", "greeting", "bye")),
      ).rejects.toThrow(/^READONLY/);
    } finally {
      await topology.stop();
    }
    expectTopologyGone(topology);
  });
});
