import { createClient } from "redis";
import type { ConnectClient } from "../bench-client.js";

export const connect: ConnectClient = async (address, options) => {
  const client = createClient({
    socket: { host: address.host, port: address.port },
    // node-redis's client-side cache needs RESP3; unbounded, no TTL, like Petrel's run.
    ...(options?.clientSideCache
      ? { RESP: 3 as const, clientSideCache: { ttl: 0, maxEntries: 0 } }
      : {}),
  });
  // node-redis emits socket errors as events; without a listener they would crash the worker.
  client.on("error", (error: unknown) => {
    process.stderr.write(`node-redis: ${String(error)}\n`);
  });
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    setPipeline: (keys, value) => {
      const multi = client.multi();
      for (const key of keys) multi.set(key, value);
      return multi.execAsPipeline();
    },
    ping: () => client.ping(),
    close: async () => {
      await client.close();
    },
  };
};
