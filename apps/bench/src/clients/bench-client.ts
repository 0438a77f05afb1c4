// The narrow surface every benchmarked client is driven through, so a workload
// is written once and each library only needs a small adapter.

/** A TCP endpoint of the server under test. */
export interface ServerAddress {
  host: string;
  port: number;
}

/** One connected client, as a workload sees it. Values are strings for every library. */
export interface BenchClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  ping(): Promise<unknown>;
  close(): Promise<void>;
  /** MGET whose keys may span slots; cluster adapters whose library does not split it group by slot. */
  mget?(keys: readonly string[]): Promise<unknown>;
  /** One non-atomic pipeline of SETs, all sent before any reply is awaited. */
  setPipeline?(keys: readonly string[], value: string): Promise<unknown>;
}

/** Per-workload client settings; adapters that do not support one ignore it. */
export interface ConnectOptions {
  /** GLIDE's value compression with its defaults (zstd, level 3): Petrel and GLIDE only. */
  compression?: boolean;
  /** String replies as bytes (GLIDE's `Decoder.Bytes`, ioredis' `getBuffer`). */
  replyBytes?: boolean;
  /** A client-side cache (Petrel's server-assisted `ClientSideCache`, node-redis's RESP3 cache). */
  clientSideCache?: boolean;
}

/** Creates a connected client; resolves once the first connection is usable. */
export type ConnectClient = (
  address: ServerAddress,
  options?: ConnectOptions,
) => Promise<BenchClient>;

/**
 * Request timeout given to the clients that have one by default (GLIDE's is 250 ms):
 * at concurrency 1000 on two shared cores, a slow reply is a measurement, not an error.
 */
export const GENEROUS_REQUEST_TIMEOUT_MS = 10_000;

/** Above the largest concurrency any workload uses, for clients that cap in-flight requests. */
export const GENEROUS_INFLIGHT_LIMIT = 4_000;
