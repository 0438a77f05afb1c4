import { ClusterBatch, GlideClusterClient } from "@valkey/valkey-glide";
import {
  type BenchClient,
  type ConnectClient,
  GENEROUS_INFLIGHT_LIMIT,
  GENEROUS_REQUEST_TIMEOUT_MS,
} from "../../bench-client.js";

export const connect: ConnectClient = async (address) => {
  const client = await GlideClusterClient.createClient({
    addresses: [address],
    requestTimeout: GENEROUS_REQUEST_TIMEOUT_MS,
    inflightRequestsLimit: GENEROUS_INFLIGHT_LIMIT,
  });
  const bench: BenchClient = {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    ping: () => client.ping(),
    close: async () => client.close(),
    // GLIDE splits a cross-slot MGET by slot itself.
    mget: (keys) => client.mget([...keys]),
    setPipeline: (keys, value) => {
      const batch = new ClusterBatch(false);
      for (const key of keys) batch.set(key, value);
      return client.exec(batch, true);
    },
  };
  return bench;
};
