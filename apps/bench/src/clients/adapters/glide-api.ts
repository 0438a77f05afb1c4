// Petrel and valkey-glide share GLIDE's API, so their four adapters (standalone and
// cluster, each) differ only in the classes they import: this builds the BenchClient
// for any of them.
import {
  type BenchClient,
  type ConnectOptions,
  GENEROUS_INFLIGHT_LIMIT,
  GENEROUS_REQUEST_TIMEOUT_MS,
  type ServerAddress,
} from "../bench-client.js";

/** The slice of a GLIDE batch the pipeline workload uses. */
export interface GlideApiBatch {
  set(key: string, value: string): unknown;
}

/** The slice of GlideClient / GlideClusterClient the workloads use. */
export interface GlideApiClient<B extends GlideApiBatch> {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  mget(keys: string[]): Promise<unknown>;
  ping(): Promise<unknown>;
  exec(batch: B, raiseOnError: boolean): Promise<unknown>;
  close(): void;
}

/** The client configuration every GLIDE-API adapter connects with. */
export function glideApiConfig(address: ServerAddress, options?: ConnectOptions) {
  return {
    addresses: [address],
    requestTimeout: GENEROUS_REQUEST_TIMEOUT_MS,
    inflightRequestsLimit: GENEROUS_INFLIGHT_LIMIT,
    ...(options?.compression ? { compression: { enabled: true } } : {}),
  };
}

/**
 * The BenchClient over a connected GLIDE-API client. `newBatch` makes a non-atomic batch
 * (it may load the batch class on first use); `cluster` adds MGET, which both libraries
 * split by slot themselves.
 */
export function glideApiBenchClient<B extends GlideApiBatch>(
  client: GlideApiClient<NoInfer<B>>,
  newBatch: () => B | Promise<B>,
  cluster: boolean,
): BenchClient {
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    ping: () => client.ping(),
    close: async () => client.close(),
    ...(cluster ? { mget: (keys: readonly string[]) => client.mget([...keys]) } : {}),
    setPipeline: async (keys, value) => {
      const batch = await newBatch();
      for (const key of keys) batch.set(key, value);
      return client.exec(batch, true);
    },
  };
}
