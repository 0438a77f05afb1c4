// A cluster is ready when every node agrees: state ok, all slots assigned,
// every node known and healthy, every replica attached to its intended primary,
// every replica's replication link up, and every node reported "online".
import { parseInfo, withAdminConnection } from "../admin/admin-connection.js";
import type { AdminReply } from "../admin/resp-wire.js";
import type { ServerProcess } from "../process/server-process.js";

export interface ClusterPlan {
  /** Node id of each node, in node order. */
  nodeIds: string[];
  /** For each replica's node id, the node id of its primary. */
  primaryOfReplica: Map<string, string>;
}

const unhealthyFlags = ["fail", "fail?", "handshake", "noaddr"];

export async function knownNodeCount(node: ServerProcess): Promise<number> {
  return withAdminConnection(node.admin, async (connection) => {
    const info = parseInfo(await connection.text("CLUSTER", "INFO"));
    return Number(info.get("cluster_known_nodes") ?? "0");
  });
}

/** Does this node's view match the plan? */
export async function nodeSeesPlannedCluster(
  node: ServerProcess,
  plan: ClusterPlan,
): Promise<boolean> {
  return withAdminConnection(node.admin, async (connection) => {
    const info = parseInfo(await connection.text("CLUSTER", "INFO"));
    if (info.get("cluster_state") !== "ok") return false;
    if (info.get("cluster_slots_assigned") !== "16384") return false;
    if (info.get("cluster_known_nodes") !== String(plan.nodeIds.length)) return false;
    const lines = (await connection.text("CLUSTER", "NODES")).trim().split("\n");
    for (const line of lines) {
      // <id> <ip:port@bus> <flags> <primary id or -> ...
      const [id, , flags = "", primaryId] = line.split(" ");
      const flagList = flags.split(",");
      if (flagList.some((flag) => unhealthyFlags.includes(flag))) return false;
      const expectedPrimary = plan.primaryOfReplica.get(id ?? "");
      if (expectedPrimary !== undefined) {
        if (!flagList.includes("slave") || primaryId !== expectedPrimary) return false;
      } else if (!flagList.includes("master")) {
        return false;
      }
    }
    if (lines.length !== plan.nodeIds.length) return false;
    return everyShardNodeOnline(await connection.call("CLUSTER", "SHARDS"));
  });
}

/**
 * CLUSTER SLOTS leaves out replicas this node still sees with replication
 * offset 0 (health "loading" in CLUSTER SHARDS); clients would see a topology
 * without them, so wait until every node reports every node "online".
 * RESP2 shape: [[ "slots", [...], "nodes", [[key, value, ...], ...] ], ...].
 */
function everyShardNodeOnline(shards: AdminReply): boolean {
  if (!Array.isArray(shards)) return false;
  for (const shard of shards) {
    if (!Array.isArray(shard)) return false;
    const nodes = shard[shard.indexOf("nodes") + 1];
    if (!Array.isArray(nodes)) return false;
    for (const node of nodes) {
      if (!Array.isArray(node) || node[node.indexOf("health") + 1] !== "online") return false;
    }
  }
  return true;
}
