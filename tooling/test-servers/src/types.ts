// Shapes shared by the topology starters, the CLI and the vitest setup.
// Everything here is plain JSON so it can cross vitest's provide/inject boundary.

/** A TCP endpoint on the loopback interface. */
export interface ServerAddress {
  host: string;
  port: number;
}

/** An ACL user written into the server configuration. */
export interface AclUser {
  name: string;
  password: string;
  /** ACL rules after `on >password`, e.g. `"~* &* +@all"`. Defaults to full access. */
  rules?: string;
}

/** Files generated for a TLS topology; PEM contents are included for convenience. */
export interface TlsMaterial {
  caCertPath: string;
  caCertPem: string;
  serverCertPath: string;
  serverKeyPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** Options every topology accepts. */
export interface CommonServerOptions {
  /** Password of the `default` user (`requirepass`). */
  password?: string;
  /** Extra ACL users. */
  aclUsers?: AclUser[];
  /** Serve TLS only (the plaintext port is disabled). */
  tls?: boolean;
  /** With `tls`, require clients to present a certificate signed by the generated CA. */
  requireClientCertificate?: boolean;
  /** Upper bound for the whole start, readiness included. Default 30 000 ms. */
  startDeadlineMs?: number;
  /** Extra `redis.conf` directives, e.g. `{ "maxmemory": "64mb" }`. */
  extraConfig?: Record<string, string>;
}

export interface StandaloneOptions extends CommonServerOptions {
  /** Start one replica of the primary. */
  withReplica?: boolean;
}

export interface SentinelOptions extends CommonServerOptions {
  /** The name the sentinels monitor the primary under; default "petrel". */
  primaryName?: string;
  /** Replicas of the primary; default 2. */
  replicas?: number;
  /** Sentinels; default 3 (quorum: a majority). */
  sentinels?: number;
  /** `sentinel down-after-milliseconds`; default 1000. */
  downAfterMs?: number;
  /** `sentinel failover-timeout`; default 5000, so a second failover may follow soon. */
  failoverTimeoutMs?: number;
  /**
   * The sentinels' own password (their `requirepass`; they authenticate to each other with
   * `sentinel sentinel-pass`). `password` stays the data nodes'. Default: none.
   */
  sentinelPassword?: string;
}

export interface ClusterShape {
  primaries: number;
  replicasPerPrimary: number;
}

export interface ClusterOptions extends CommonServerOptions {
  /** Default 3 primaries × 1 replica. */
  shape?: ClusterShape;
}

/** One running server process, as seen by tests. */
export interface NodeInfo extends ServerAddress {
  pid: number;
  role: "primary" | "replica" | "sentinel";
  /** Cluster node id; absent for standalone servers. */
  nodeId?: string;
  /** For a replica: the address of its primary. */
  primaryPort?: number;
}

/** JSON description of a running topology. */
export interface TopologyDescription {
  kind: "standalone" | "cluster" | "sentinel";
  /**
   * Where clients connect: the primary for standalone, every primary for a cluster, the
   * sentinels for a sentinel topology (whose `nodes` list the data nodes, then the sentinels).
   */
  addresses: ServerAddress[];
  nodes: NodeInfo[];
  tls: TlsMaterial | undefined;
  password: string | undefined;
  aclUsers: AclUser[];
  /** A sentinel topology's monitored name. */
  primaryName?: string;
  /** A sentinel topology's sentinels' own password, if any. */
  sentinelPassword?: string;
  /** Temporary directory holding configs, logs and certificates. */
  directory: string;
  /** The server binary that runs it, and its matching CLI when installed. */
  binaries: { server: string; cli: string | undefined };
}
