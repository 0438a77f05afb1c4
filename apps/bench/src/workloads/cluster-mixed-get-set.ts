// Issue 6: 80/20 GET/SET at concurrency 100 against a 6-node cluster (3 primaries, 3 replicas).
import { keyFor, preloadKeyspace, SMALL_VALUE } from "./keyspace.js";
import { measureClosedLoop } from "./measure.js";
import type { Workload } from "./workload.js";

export const clusterMixedGetSet: Workload = {
  id: "cluster-mixed-80-20-c100",
  title: "Cluster 80/20 GET/SET, concurrency 100",
  description:
    "Cluster client against 3 primaries + 3 replicas; 100 concurrent request loops, every fifth request a SET of 100 bytes, the rest GETs, keys spread over all slots.",
  server: "cluster",
  primaryMetric: "opsPerSec",
  metrics: ["opsPerSec", "p50Micros", "p99Micros", "cpuMillisPer1kOps"],
  samplesPerRound: 1,
  async run({ connect, settings }) {
    const client = await connect();
    try {
      await preloadKeyspace(client, SMALL_VALUE);
      return await measureClosedLoop({
        settings,
        concurrency: 100,
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
