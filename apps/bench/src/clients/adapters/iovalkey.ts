import { Valkey } from "iovalkey";
import type { ConnectClient } from "../bench-client.js";

export const connect: ConnectClient = async (address) => {
  // lazyConnect + connect() so the promise resolves only once the socket is ready.
  const client = new Valkey({ ...address, lazyConnect: true });
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
};
