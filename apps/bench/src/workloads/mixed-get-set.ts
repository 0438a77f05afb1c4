// 80% GET / 20% SET of 100-byte values over 10,000 keys, many requests in flight.
import { mixedOperation } from "./keyspace.js";
import { measurePreloaded, REQUEST_METRICS } from "./measure.js";
import type { Workload } from "./workload.js";

export function mixedGetSet(concurrency: number): Workload {
  return {
    id: `mixed-80-20-c${concurrency}`,
    title: `80/20 GET/SET, concurrency ${concurrency}`,
    description: `${concurrency} concurrent request loops; every fifth request is a SET of a 100-byte value, the rest GETs.`,
    server: "standalone",
    primaryMetric: "opsPerSec",
    metrics: REQUEST_METRICS,
    samplesPerRound: 1,
    run: (context) => measurePreloaded(context, concurrency, mixedOperation),
  };
}
