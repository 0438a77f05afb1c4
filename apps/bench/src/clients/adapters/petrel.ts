import { GlideClient } from "@petrel/client";
import {
  type BenchClient,
  type ConnectClient,
  GENEROUS_INFLIGHT_LIMIT,
  GENEROUS_REQUEST_TIMEOUT_MS,
} from "../bench-client.js";

export const connect: ConnectClient = async (address) => {
  const client = await GlideClient.createClient({
    addresses: [address],
    requestTimeout: GENEROUS_REQUEST_TIMEOUT_MS,
    inflightRequestsLimit: GENEROUS_INFLIGHT_LIMIT,
  });
  const bench: BenchClient = {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    setPipeline: async (keys, value) => {
      // Imported on first use, so the cold-start workload times @petrel/client alone.
      const { Batch } = await import("@petrel/batch");
      const batch = new Batch(false);
      for (const key of keys) batch.set(key, value);
      return client.exec(batch, true);
    },
    ping: () => client.ping(),
    close: async () => client.close(),
  };
  return bench;
};
