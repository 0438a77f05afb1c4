import { Cluster } from "iovalkey";
import type { BenchClient, ConnectClient } from "../../bench-client.js";
import { mgetBySlot } from "./key-slot.js";

export const connect: ConnectClient = async (address) => {
  // lazyConnect + connect() so the promise resolves only once the slot map is loaded.
  const client = new Cluster([address], { lazyConnect: true });
  await client.connect();
  const bench: BenchClient = {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    ping: () => client.ping(),
    close: async () => {
      await client.quit();
    },
    // iovalkey rejects a cross-slot MGET (CROSSSLOT), so it is split per slot here.
    mget: (keys) => mgetBySlot(keys, (slotKeys) => client.mget(slotKeys)),
    // A cluster pipeline must stay on one node: the workload's keys share one hash tag.
    setPipeline: (keys, value) => {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      return pipeline.exec();
    },
  };
  return bench;
};
