// The Sentinel clients the failover workload compares, each behind the same
// two-method interface, configured alike (1 s connect timeout, no retry limit).
import { GlideClient } from "@petrel/client";
import { Redis } from "ioredis";
import { createSentinel } from "redis";
import type { SentinelClientFactory } from "./sentinel-failover.js";

export const sentinelClients: Record<string, SentinelClientFactory> = {
  petrel: async (primaryName, sentinels) => {
    const client = await GlideClient.createClient({
      sentinel: { primaryName, sentinels },
      requestTimeout: 1000,
      advancedConfiguration: { connectionTimeout: 1000 },
    });
    return { set: (key) => client.set(key, "1"), close: () => client.close() };
  },
  ioredis: async (primaryName, sentinels) => ioredis(primaryName, sentinels, false),
  "ioredis (failoverDetector)": async (primaryName, sentinels) =>
    ioredis(primaryName, sentinels, true),
  "node-redis": async (primaryName, sentinels) => {
    const client = createSentinel({ name: primaryName, sentinelRootNodes: sentinels });
    client.on("error", () => undefined);
    await client.connect();
    return {
      set: (key) => client.set(key, "1"),
      // destroy(), not close(): close() waits for commands queued for an unreachable primary.
      close: async () => {
        await client.destroy();
      },
    };
  },
};

async function ioredis(
  name: string,
  sentinels: { host: string; port: number }[],
  failoverDetector: boolean,
) {
  const client = new Redis({
    name,
    sentinels,
    failoverDetector,
    connectTimeout: 1000,
    commandTimeout: 1000,
    maxRetriesPerRequest: null,
  });
  client.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once("ready", resolve);
    client.once("end", () => reject(new Error("ioredis ended before ready")));
  });
  return { set: (key: string) => client.set(key, "1"), close: () => client.disconnect() };
}
