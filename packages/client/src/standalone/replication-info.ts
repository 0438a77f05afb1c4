// Reads the fields of `INFO` text that topology discovery needs.
import type { ResolvedAddress } from "../config/resolved.js";

export interface ReplicationInfo {
  readonly role: "primary" | "replica" | "unknown";
  /** For a replica: the primary it follows. */
  readonly primary: ResolvedAddress | undefined;
  /** For a primary: its online replicas. */
  readonly replicas: readonly ResolvedAddress[];
  /** Valkey 8+: the node's `availability_zone`. */
  readonly availabilityZone: string | undefined;
}

function fields(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) map.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return map;
}

/** Parses `slave0:ip=10.0.0.2,port=6380,state=online,...`. */
function parseReplicaLine(
  value: string,
): { address: ResolvedAddress; online: boolean } | undefined {
  const parts = new Map(value.split(",").map((pair) => pair.split("=", 2) as [string, string]));
  const host = parts.get("ip");
  const port = Number(parts.get("port"));
  if (!host || !Number.isInteger(port) || port <= 0) return undefined;
  return { address: { host, port }, online: parts.get("state") === "online" };
}

export function parseReplicationInfo(info: string): ReplicationInfo {
  const map = fields(info);
  const roleText = map.get("role");
  const role = roleText === "master" ? "primary" : roleText === "slave" ? "replica" : "unknown";
  let primary: ResolvedAddress | undefined;
  const masterHost = map.get("master_host");
  const masterPort = Number(map.get("master_port"));
  if (role === "replica" && masterHost && Number.isInteger(masterPort) && masterPort > 0) {
    primary = { host: masterHost, port: masterPort };
  }
  const replicas: ResolvedAddress[] = [];
  for (const [key, value] of map) {
    if (!/^slave\d+$/.test(key)) continue;
    const replica = parseReplicaLine(value);
    if (replica?.online) replicas.push(replica.address);
  }
  return { role, primary, replicas, availabilityZone: map.get("availability_zone") || undefined };
}
