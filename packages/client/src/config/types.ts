// The configuration a user passes, with GLIDE's names and shapes, plus Petrel's
// own extensions (marked as such).
import type { Decoder } from "@petrel/commands";
import type { CredentialsProvider, IamAuthConfig } from "../auth/credentials-provider.js";
import type { ClientSideCache } from "../cache/client-side-cache.js";
import type { ClientCircuitBreakerConfiguration } from "../circuit-breaker/circuit-breaker.js";
import type { CompressionConfiguration } from "../compression/hook.js";
import {
  PubSubChannelModes as ChannelModes,
  type PubSubSubscriptions as Subscriptions,
} from "../pubsub/types.js";

/** GLIDE's protocol enum. */
export enum ProtocolVersion {
  RESP3 = 0,
  RESP2 = 1,
}

/** Where reads go. Writes always go to the primary. */
export type ReadFrom =
  | "primary"
  | "preferReplica"
  | "AZAffinity"
  | "AZAffinityReplicasAndPrimary"
  | "allNodes";

export interface NodeAddress {
  host: string;
  /** Default 6379. */
  port?: number;
}

/**
 * Petrel extension: a server's Unix domain socket (its `unixsocket` setting), e.g.
 * `{ path: "/run/valkey.sock" }`. Standalone clients only; a cluster is reached over TCP.
 */
export interface UnixSocketAddress {
  path: string;
}

/** Static credentials, or GLIDE's IAM credentials (needs `@petrel/iam`). */
export type ServerCredentials =
  | {
      /** Default "default". */
      username?: string;
      password: string;
    }
  | {
      username: string;
      iamConfig: IamAuthConfig;
    };

/** Reconnect delays: `factor * exponentBase ^ n`, n capped at `numberOfRetries`, jittered. */
export interface BackoffStrategy {
  numberOfRetries: number;
  /** Milliseconds. */
  factor: number;
  exponentBase: number;
  /** Percent of the delay added at random; default 20. */
  jitterPercent?: number;
}

/**
 * The client certificate and private key presented to servers that require one
 * (`tls-auth-clients yes`), as in GLIDE main. Either the PEM contents (`kind: "bytes"`)
 * or the paths of PEM files (`kind: "path"`). Petrel reads the files again before every
 * connection it opens (first connect, reconnects, new cluster nodes), so certificates
 * rotated on disk take effect on the next connection without restarting the client;
 * connections already open keep the certificate they were opened with.
 */
export type MutualTls =
  | {
      kind: "bytes";
      /** PEM client certificate (chain). */
      cert: Buffer | string;
      /** PEM private key of `cert`. */
      key: Buffer | string;
    }
  | {
      kind: "path";
      /** Path of the PEM client certificate (chain). */
      certPath: string;
      /** Path of the PEM private key. */
      keyPath: string;
      /**
       * GLIDE's reload cadence in seconds, a positive integer. Accepted for compatibility:
       * Petrel reads the files at every connect, which is never staler than a timer.
       */
      reloadIntervalSeconds?: number;
    };

export interface TlsAdvancedConfiguration {
  /** Skip certificate verification. Never in production. */
  insecure?: boolean;
  /** PEM-encoded CA certificates that replace the system ones. */
  rootCertificates?: string | Buffer;
  /** A client certificate for mutual TLS; see {@link MutualTls}. */
  mutualTls?: MutualTls;
}

export interface AdvancedBaseClientConfiguration {
  /** Milliseconds to open a connection and finish its handshake; default 2000. */
  connectionTimeout?: number;
  /** Requires `useTLS`. */
  tlsAdvancedConfiguration?: TlsAdvancedConfiguration;
  /** Disable Nagle's algorithm; default true. */
  tcpNoDelay?: boolean;
  /**
   * Petrel only: milliseconds a connection stays idle before TCP keepalive probes start, from
   * 1000 (Node counts whole seconds); default 5000. Keepalive is always on, as in GLIDE.
   */
  tcpKeepAliveInitialDelay?: number;
  /**
   * Milliseconds between checks that the subscriptions the client wants are the ones the
   * server confirmed; differences are re-subscribed (or left) and counted in getStatistics()'
   * `subscription_out_of_sync_count`. Default 3000.
   */
  pubsubReconciliationIntervalMs?: number;
}

export interface BaseClientConfiguration {
  addresses: NodeAddress[];
  databaseId?: number;
  useTLS?: boolean;
  credentials?: ServerCredentials;
  /** Milliseconds for a whole request; default 250. */
  requestTimeout?: number;
  readFrom?: ReadFrom;
  protocol?: ProtocolVersion;
  clientName?: string;
  /** Sent as `CLIENT SETINFO LIB-NAME`; default "petrel". */
  libName?: string;
  /** Appended to the library name in parentheses: `petrel(my-framework:1.2)`. */
  clientInfoTag?: string;
  defaultDecoder?: Decoder;
  /** Default 1000. */
  inflightRequestsLimit?: number;
  /** Required by the AZ-affinity read modes. */
  clientAz?: string;
  connectionBackoff?: BackoffStrategy;
  lazyConnect?: boolean;
  /**
   * Maps an address before connecting (e.g. through a tunnel). Petrel also takes the key of a
   * resolver registered with `registerAddressResolver`, looked up when the client is created.
   */
  addressResolver?: ((host: string, port: number) => [string, number]) | string;
  /** Petrel extension: an async credentials source, asked before every (re)connect. */
  credentialsProvider?: CredentialsProvider;
  /** GLIDE's transparent value compression; needs `@petrel/compression` registered. */
  compression?: CompressionConfiguration;
  /**
   * GLIDE's client-side cache of GET, HGETALL and SMEMBERS replies; clients given the same
   * instance share it. `serverAssisted` needs RESP3.
   */
  clientSideCache?: ClientSideCache;
  /**
   * GLIDE's circuit breaker: when transport errors make up a sustained share of the requests,
   * refuse new requests with `CircuitBreakerError` for a while, then probe. Client-wide for a
   * standalone client; one breaker per node for a cluster client. Off when undefined.
   */
  clientCircuitBreaker?: ClientCircuitBreakerConfiguration;
}

export type AdvancedGlideClientConfiguration = AdvancedBaseClientConfiguration;

/** How the standalone client learns node roles. */
export enum NodeDiscoveryMode {
  /** Ask every node (`INFO replication`) which is the primary; discover replicas from it. */
  Standard = 0,
  /** Trust the addresses as given: the first is the primary, the rest replicas (e.g. behind a proxy). */
  Static = 1,
}

/**
 * Petrel extension: find the primary and its replicas through Valkey/Redis Sentinel, and follow
 * its failovers. Given instead of `addresses`.
 */
export interface SentinelConfiguration {
  /** The name the sentinels monitor the primary under (`sentinel monitor <name> …`). */
  primaryName: string;
  /**
   * Sentinels asked in this order; the port defaults to 26379. Others they know of
   * (`SENTINEL SENTINELS`) are added as they are learned.
   */
  sentinels: NodeAddress[];
  /**
   * The sentinels' own credentials (their `requirepass` or ACL user), if they need any. The
   * client's `credentials` are for the primary and replicas.
   */
  credentials?: { username?: string; password: string };
  /** Whether the sentinels speak TLS; default the client's `useTLS`. */
  useTLS?: boolean;
}

/** The standalone client's own fields; `addresses` or `sentinel` says where the servers are. */
export type GlideClientOwnConfiguration = Omit<BaseClientConfiguration, "addresses"> & {
  advancedConfiguration?: AdvancedGlideClientConfiguration;
  /**
   * Standalone only: no primary detection, every node is a read target, writes are refused.
   * readFrom defaults to "preferReplica"; the AZ modes are not allowed.
   */
  readOnly?: boolean;
  /** Standalone only; default Standard. */
  nodeDiscoveryMode?: NodeDiscoveryMode;
  /** Channels and patterns subscribed on connect and after every reconnect. */
  pubsubSubscriptions?: GlideClientConfiguration.PubSubSubscriptions;
};

export type GlideClientConfiguration = GlideClientOwnConfiguration & {
  /**
   * The primary and replicas: `{ host, port? }`, or (Petrel only) a Unix socket `{ path }`.
   * Required unless `sentinel` is given.
   */
  addresses?: (NodeAddress | UnixSocketAddress)[];
  /**
   * Petrel only: the sentinels that name the primary and its replicas, instead of `addresses`.
   * The client follows their failovers.
   */
  sentinel?: SentinelConfiguration;
};

/** GLIDE's names for the Pub/Sub configuration types. */
export namespace GlideClientConfiguration {
  export const PubSubChannelModes = ChannelModes;
  export type PubSubChannelModes = ChannelModes;
  export type PubSubSubscriptions = Subscriptions;
}
