import { Redis } from "ioredis";
import type { BenchClient, ConnectClient } from "../bench-client.js";

async function connectWith(
  address: Parameters<ConnectClient>[0],
  enableAutoPipelining: boolean,
): Promise<BenchClient> {
  // lazyConnect + connect() so the promise resolves only once the socket is ready.
  const client = new Redis({ ...address, lazyConnect: true, enableAutoPipelining });
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    setPipeline: (keys, value) => {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      return pipeline.exec();
    },
    ping: () => client.ping(),
    close: async () => {
      await client.quit();
    },
  };
}

export const connect: ConnectClient = (address) => connectWith(address, false);

export const connectAutoPipelining: ConnectClient = (address) => connectWith(address, true);
