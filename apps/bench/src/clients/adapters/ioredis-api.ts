// ioredis and its fork iovalkey share one API, standalone and cluster, so their four
// adapters differ only in the class they construct: this builds the BenchClient for
// any of them, once the client is connected.
import type { BenchClient } from "../bench-client.js";
import { mgetBySlot } from "./cluster/key-slot.js";

/** The slice of ioredis' Redis / Cluster (and iovalkey's) the workloads use. */
export interface IoredisApiClient {
  get(key: string): Promise<unknown>;
  getBuffer(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  mget(keys: string[]): Promise<unknown[]>;
  ping(): Promise<unknown>;
  pipeline(): { set(key: string, value: string): unknown; exec(): Promise<unknown> };
  quit(): Promise<unknown>;
}

/**
 * The BenchClient over a connected ioredis-API client. `cluster` adds MGET split per slot:
 * these libraries reject a cross-slot MGET (CROSSSLOT). A cluster pipeline must stay on
 * one node, so the pipeline workload's keys share one hash tag. `replyBytes`: GET with
 * `getBuffer`.
 */
export function ioredisApiBenchClient(
  client: IoredisApiClient,
  cluster: boolean,
  replyBytes = false,
): BenchClient {
  return {
    get: replyBytes ? (key) => client.getBuffer(key) : (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    ping: () => client.ping(),
    close: async () => {
      await client.quit();
    },
    ...(cluster
      ? {
          mget: (keys: readonly string[]) => mgetBySlot(keys, (slotKeys) => client.mget(slotKeys)),
        }
      : {}),
    setPipeline: (keys, value) => {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      return pipeline.exec();
    },
  };
}
