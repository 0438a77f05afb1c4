// Renders one node's redis.conf. Tests need fast, disposable servers: no
// persistence, a short cluster node timeout, loopback only.
import type { AclUser, TlsMaterial } from "../types.js";

export interface NodeConfigInput {
  port: number;
  tls: TlsMaterial | undefined;
  requireClientCertificate: boolean;
  password: string | undefined;
  aclUsers: readonly AclUser[];
  cluster: { busPort: number } | undefined;
  replicaOf: { host: string; port: number } | undefined;
  extraConfig: Record<string, string> | undefined;
}

/** Quotes a value for redis.conf (double quotes, backslash escapes). */
export function quoteConfigValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function aclUserLine(user: AclUser): string {
  if (/\s/.test(user.name) || /\s/.test(user.password)) {
    throw new TypeError(`ACL user name and password must not contain whitespace: ${user.name}`);
  }
  return `user ${user.name} on >${user.password} ${user.rules ?? "~* &* +@all"}`;
}

/**
 * The port directives: plaintext, or TLS only (port 0) with the generated certificates, also
 * used towards other nodes (replication; a sentinel's links to the nodes and its peers).
 */
export function listenLines(
  port: number,
  tls: TlsMaterial | undefined,
  requireClientCertificate: boolean,
): string[] {
  if (!tls) return [`port ${port}`];
  return [
    "port 0",
    `tls-port ${port}`,
    `tls-cert-file ${quoteConfigValue(tls.serverCertPath)}`,
    `tls-key-file ${quoteConfigValue(tls.serverKeyPath)}`,
    `tls-ca-cert-file ${quoteConfigValue(tls.caCertPath)}`,
    // The same certificate serves as client certificate towards other nodes.
    `tls-client-cert-file ${quoteConfigValue(tls.serverCertPath)}`,
    `tls-client-key-file ${quoteConfigValue(tls.serverKeyPath)}`,
    `tls-auth-clients ${requireClientCertificate ? "yes" : "no"}`,
    "tls-replication yes",
  ];
}

export function renderNodeConfig(input: NodeConfigInput): string {
  const lines = [
    "bind 127.0.0.1",
    "protected-mode no",
    "daemonize no",
    'save ""',
    "appendonly no",
    // Relative to the working directory, which is the node's own directory.
    "logfile server.log",
    "dir ./",
    "enable-debug-command local",
    // The default 5 s delay waits for more replicas to batch a sync; tests want it now.
    "repl-diskless-sync-delay 0",
    // A replica's offset stays 0 until the primary sends something, and cluster
    // nodes leave offset-0 replicas out of CLUSTER SLOTS; ping every second, not 10.
    "repl-ping-replica-period 1",
  ];
  lines.push(...listenLines(input.port, input.tls, input.requireClientCertificate));
  if (input.password !== undefined) {
    lines.push(`requirepass ${quoteConfigValue(input.password)}`);
    lines.push(`masterauth ${quoteConfigValue(input.password)}`);
  }
  for (const user of input.aclUsers) lines.push(aclUserLine(user));
  if (input.cluster) {
    lines.push(
      "cluster-enabled yes",
      "cluster-config-file nodes.conf",
      "cluster-node-timeout 2000",
      `cluster-port ${input.cluster.busPort}`,
    );
    if (input.tls) lines.push("tls-cluster yes");
  }
  if (input.replicaOf) lines.push(`replicaof ${input.replicaOf.host} ${input.replicaOf.port}`);
  for (const [key, value] of Object.entries(input.extraConfig ?? {})) {
    lines.push(`${key} ${value}`);
  }
  return `${lines.join("\n")}\n`;
}
