// One request at a time: the client's own per-request latency.
import { keyFor, preloadKeyspace, SMALL_VALUE } from "./keyspace.js";
import { measureClosedLoop } from "./measure.js";
import type { Workload } from "./workload.js";

export const sequentialGet: Workload = {
  id: "sequential-get",
  title: "Sequential GET",
  description: "GET of a 100-byte value, one request in flight at a time.",
  server: "standalone",
  primaryMetric: "p50Micros",
  metrics: ["p50Micros", "p99Micros", "opsPerSec", "cpuMillisPer1kOps"],
  samplesPerRound: 1,
  async run({ connect, settings }) {
    const client = await connect();
    try {
      await preloadKeyspace(client, SMALL_VALUE);
      return await measureClosedLoop({
        settings,
        concurrency: 1,
        operation: (sequence) => client.get(keyFor(sequence)),
      });
    } finally {
      await client.close();
    }
  },
};
