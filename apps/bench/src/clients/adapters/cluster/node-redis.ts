import { createCluster } from "redis";
import type { BenchClient, ConnectClient } from "../../bench-client.js";
import { mgetBySlot } from "./key-slot.js";

export const connect: ConnectClient = async (address) => {
  const client = createCluster({
    rootNodes: [{ socket: { host: address.host, port: address.port } }],
  });
  // node-redis emits socket errors as events; without a listener they would crash the worker.
  client.on("error", (error: unknown) => {
    process.stderr.write(`node-redis cluster: ${String(error)}\n`);
  });
  await client.connect();
  const bench: BenchClient = {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    ping: () => client.sendCommand(undefined, true, ["PING"]),
    close: async () => {
      await client.close();
    },
    // node-redis sends MGET to the first key's node (CROSSSLOT otherwise), so it is split per slot here.
    mget: (keys) => mgetBySlot(keys, (slotKeys) => client.mGet(slotKeys)),
    // A cluster multi goes to the first key's node: the workload's keys share one hash tag.
    setPipeline: (keys, value) => {
      const multi = client.multi();
      for (const key of keys) multi.set(key, value);
      return multi.execAsPipeline();
    },
  };
  return bench;
};
