import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { startCluster, startStandalone } from "../../src/index.js";

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ host: "127.0.0.1", port: 0 }, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : 0;
}

describe("ports", () => {
  it("uses consecutive ports from basePort", async () => {
    // Other tests in this process open ephemeral ports too, so a free base+1 is
    // not guaranteed: try a few bases (bounded) until both ports are ours.
    for (let attempt = 1; ; attempt++) {
      const probe = await listen();
      const base = portOf(probe);
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      let cluster: Awaited<ReturnType<typeof startCluster>>;
      try {
        cluster = await startCluster({ shards: 1, replicas: 1, basePort: base });
      } catch (error) {
        if (attempt < 20 && /EADDRINUSE/.test(String(error))) continue;
        throw error;
      }
      try {
        expect(cluster.nodes.map((node) => node.port)).toEqual([base, base + 1]);
        expect(cluster.topology.node(cluster.nodes[1]?.id ?? "").port).toBe(base + 1);
      } finally {
        await cluster.stop();
      }
      return;
    }
  });

  it("fails cleanly when a port is taken", async () => {
    const busy = await listen();
    try {
      await expect(startStandalone({ port: portOf(busy) })).rejects.toThrow(/EADDRINUSE/);
      await expect(startCluster({ shards: 1, basePort: portOf(busy) })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it("rejects impossible shapes", async () => {
    await expect(startCluster({ shards: 0 })).rejects.toThrow("shards must be a positive integer");
    await expect(startCluster({ replicas: -1 })).rejects.toThrow("replicas must be >= 0");
  });
});
