// Builds small ClusterTopology fixtures for the unit tests: live loopback
// nodes, shards (s0, s1, …) derived from the nodes' shard indexes.
import { ClusterTopology, type NodeRole } from "../topology.js";

export type NodeSpec = readonly [id: string, port: number, shard: number, role: NodeRole];

/** Nodes in the order given; each shard's replicas keep that order too. Slots are left unassigned. */
export function loopbackTopology(nodes: readonly NodeSpec[], configEpoch = 0): ClusterTopology {
  const topology = new ClusterTopology();
  const shardCount = Math.max(...nodes.map(([, , shard]) => shard)) + 1;
  for (const [id, port, shard, role] of nodes) {
    topology.addNode({
      id,
      host: "127.0.0.1",
      port,
      shard,
      role,
      alive: true,
      configEpoch,
      replicationOffset: 0,
    });
  }
  for (let shard = 0; shard < shardCount; shard++) {
    const members = nodes.filter(([, , of]) => of === shard);
    const primary = members.find(([, , , role]) => role === "primary");
    if (primary === undefined) throw new Error(`shard ${shard} has no primary`);
    topology.shards.push({
      id: `s${shard}`,
      primary: primary[0],
      replicas: members.filter(([, , , role]) => role === "replica").map(([id]) => id),
    });
  }
  return topology;
}
