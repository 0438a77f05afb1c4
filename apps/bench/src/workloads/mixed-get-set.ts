// 80% GET / 20% SET of 100-byte values over 10,000 keys, many requests in flight.
import { keyFor, preloadKeyspace, SMALL_VALUE } from "./keyspace.js";
import { measureClosedLoop } from "./measure.js";
import type { Workload } from "./workload.js";

export function mixedGetSet(concurrency: number): Workload {
  return {
    id: `mixed-80-20-c${concurrency}`,
    title: `80/20 GET/SET, concurrency ${concurrency}`,
    description: `${concurrency} concurrent request loops; every fifth request is a SET of a 100-byte value, the rest GETs.`,
    server: "standalone",
    primaryMetric: "opsPerSec",
    metrics: ["opsPerSec", "p50Micros", "p99Micros", "cpuMillisPer1kOps"],
    samplesPerRound: 1,
    async run({ connect, settings }) {
      const client = await connect();
      try {
        await preloadKeyspace(client, SMALL_VALUE);
        return await measureClosedLoop({
          settings,
          concurrency,
          operation: (sequence) =>
            sequence % 5 === 4
              ? client.set(keyFor(sequence), SMALL_VALUE)
              : client.get(keyFor(sequence)),
        });
      } finally {
        await client.close();
      }
    },
  };
}
