// The configuration after validation: every field present, defaults applied,
// in the shapes the connection layer uses. Shared by the standalone and cluster clients.
import type { Decoder } from "@petrel/commands";
import type { CredentialsProvider } from "../auth/credentials-provider.js";
import type { AttachableCache } from "../cache/attach.js";
import type { ResolvedCircuitBreaker } from "../circuit-breaker/circuit-breaker.js";
import type { ResolvedCompression } from "./compression.js";
import type { ReadFrom } from "./types.js";

export interface ResolvedAddress {
  readonly host: string;
  readonly port: number;
  /**
   * A Unix domain socket's path. Such an address has the path as its host too, and port 0,
   * so that `host:port` keys stay distinct.
   */
  readonly path?: string;
}

export interface ResolvedBackoff {
  readonly numberOfRetries: number;
  readonly factor: number;
  readonly exponentBase: number;
  readonly jitterPercent: number;
}

/** A validated client certificate: its PEM contents, or the files read at each connect. */
export type ResolvedMutualTls =
  | { readonly kind: "bytes"; readonly cert: Buffer | string; readonly key: Buffer | string }
  | { readonly kind: "path"; readonly certPath: string; readonly keyPath: string };

export interface ResolvedTls {
  readonly insecure: boolean;
  readonly rootCertificates: string | Buffer | undefined;
  /** The client certificate for mutual TLS, if any. */
  readonly mutualTls?: ResolvedMutualTls | undefined;
}

/** Where a connection's credentials come from. */
export type CredentialsSource =
  | { readonly kind: "none" }
  | { readonly kind: "static"; readonly username: string | undefined; password: string | undefined }
  | { readonly kind: "provider"; readonly provider: CredentialsProvider; readonly iam: boolean };

export interface ResolvedConfig {
  readonly addresses: readonly ResolvedAddress[];
  readonly databaseId: number;
  /** TLS settings, or undefined for plain TCP. */
  readonly tls: ResolvedTls | undefined;
  readonly credentials: CredentialsSource;
  readonly requestTimeoutMs: number;
  readonly readFrom: ReadFrom;
  readonly clientAz: string | undefined;
  readonly resp: 2 | 3;
  readonly clientName: string | undefined;
  readonly libName: string;
  readonly defaultDecoder: Decoder;
  readonly inflightRequestsLimit: number;
  readonly backoff: ResolvedBackoff;
  readonly lazyConnect: boolean;
  readonly connectionTimeoutMs: number;
  readonly tcpNoDelay: boolean;
  readonly tcpKeepAliveInitialDelayMs: number;
  readonly pubsubReconciliationIntervalMs: number;
  readonly addressResolver: ((host: string, port: number) => [string, number]) | undefined;
  /** Enabled compression and its plugin, or undefined. */
  readonly compression: ResolvedCompression | undefined;
  /** The client-side cache, or undefined. */
  readonly clientSideCache: AttachableCache | undefined;
  /** `clientCircuitBreaker` with GLIDE's defaults, or undefined when there is no breaker. */
  readonly circuitBreaker: ResolvedCircuitBreaker | undefined;
}
