import { describe, expect, it } from "vitest";
import { parseInfo, startCluster, withAdminConnection } from "../src/index.js";
import { expectTopologyGone } from "./process-assertions.js";

describe("startCluster", () => {
  it("starts a ready 3x1 cluster of six real servers and stops every one of them", async () => {
    const cluster = await startCluster();
    try {
      const { nodes, addresses } = cluster.description;
      expect(nodes).toHaveLength(6);
      expect(nodes.filter((node) => node.role === "primary")).toHaveLength(3);
      expect(addresses).toHaveLength(3);
      for (const replica of nodes.filter((node) => node.role === "replica")) {
        expect(addresses.map((address) => address.port)).toContain(replica.primaryPort);
      }
      for (const server of cluster.processes) {
        await withAdminConnection(server.admin, async (connection) => {
          const info = parseInfo(await connection.text("CLUSTER", "INFO"));
          expect(info.get("cluster_state")).toBe("ok");
          expect(info.get("cluster_known_nodes")).toBe("6");
          expect(info.get("cluster_size")).toBe("3");
        });
      }
      // Every slot range has exactly one replica.
      const slots = await withAdminConnection(cluster.processes[0]!.admin, (connection) =>
        connection.call("CLUSTER", "SLOTS"),
      );
      expect(Array.isArray(slots) && slots.length).toBe(3);
      for (const range of slots as unknown[][]) expect(range).toHaveLength(4);
    } finally {
      await cluster.stop();
    }
    expectTopologyGone(cluster);
  });

  it("starts other shapes, e.g. one primary with two replicas", async () => {
    const cluster = await startCluster({ shape: { primaries: 1, replicasPerPrimary: 2 } });
    try {
      expect(cluster.description.nodes.map((node) => node.role)).toEqual([
        "primary",
        "replica",
        "replica",
      ]);
      const primary = cluster.processes[0]!;
      const replicaCount = await withAdminConnection(primary.admin, async (connection) =>
        parseInfo(await connection.text("INFO", "replication")).get("connected_slaves"),
      );
      expect(replicaCount).toBe("2");
    } finally {
      await cluster.stop();
    }
    expectTopologyGone(cluster);
  });
});

describe("startCluster with TLS and a password", () => {
  it("advertises the TLS ports in CLUSTER SLOTS and needs the password", async () => {
    const cluster = await startCluster({
      tls: true,
      password: "pw",
      shape: { primaries: 2, replicasPerPrimary: 1 },
    });
    try {
      const admin = cluster.processes[0]!.admin;
      // Each range: [first, last, [ip, port, id, ...] per node, primary first].
      const slots = (await withAdminConnection(admin, (c) =>
        c.call("CLUSTER", "SLOTS"),
      )) as unknown[][];
      const advertisedPorts = slots.flatMap((range) =>
        (range.slice(2) as unknown[][]).map((node) => node[1]),
      );
      expect(advertisedPorts.sort()).toEqual(cluster.description.nodes.map((n) => n.port).sort());
      await expect(
        withAdminConnection({ ...admin, auth: undefined }, (c) => c.call("GET", "k")),
      ).rejects.toThrow(/^NOAUTH/);
    } finally {
      await cluster.stop();
    }
    expectTopologyGone(cluster);
  });
});
