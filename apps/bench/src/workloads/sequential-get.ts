// One request at a time: the client's own per-request latency.
import { keyFor } from "./keyspace.js";
import { measurePreloaded } from "./measure.js";
import type { Workload } from "./workload.js";

export const sequentialGet: Workload = {
  id: "sequential-get",
  title: "Sequential GET",
  description: "GET of a 100-byte value, one request in flight at a time.",
  server: "standalone",
  primaryMetric: "p50Micros",
  metrics: ["p50Micros", "p99Micros", "opsPerSec", "cpuMillisPer1kOps", "serverCpuMillisPer1kOps"],
  samplesPerRound: 1,
  run: (context) =>
    measurePreloaded(context, 1, (client) => (sequence) => client.get(keyFor(sequence))),
};
