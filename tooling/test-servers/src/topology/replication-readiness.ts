// Replication readiness: a replica counts as up only when INFO replication
// reports master_link_status:up (the initial sync is done).
import { parseInfo, withAdminConnection } from "../admin/admin-connection.js";
import type { ServerProcess } from "../process/server-process.js";

export async function isReplicaLinked(replica: ServerProcess): Promise<boolean> {
  return withAdminConnection(replica.admin, async (connection) => {
    const info = parseInfo(await connection.text("INFO", "replication"));
    return info.get("role") === "slave" && info.get("master_link_status") === "up";
  });
}

export async function connectedReplicaCount(primary: ServerProcess): Promise<number> {
  return withAdminConnection(primary.admin, async (connection) => {
    const info = parseInfo(await connection.text("INFO", "replication"));
    return Number(info.get("connected_slaves") ?? "0");
  });
}
