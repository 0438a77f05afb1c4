// Issue 6: 80/20 GET/SET at concurrency 100 against a 6-node cluster (3 primaries, 3 replicas).
import { mixedOperation } from "./keyspace.js";
import { measurePreloaded, REQUEST_METRICS } from "./measure.js";
import type { Workload } from "./workload.js";

export const clusterMixedGetSet: Workload = {
  id: "cluster-mixed-80-20-c100",
  title: "Cluster 80/20 GET/SET, concurrency 100",
  description:
    "Cluster client against 3 primaries + 3 replicas; 100 concurrent request loops, every fifth request a SET of 100 bytes, the rest GETs, keys spread over all slots.",
  server: "cluster",
  primaryMetric: "opsPerSec",
  metrics: REQUEST_METRICS,
  samplesPerRound: 1,
  run: (context) => measurePreloaded(context, 100, mixedOperation),
};
