// 64 KiB values: throughput of encoding, socket writes and reply assembly.
import { measureClosedLoop } from "./measure.js";
import type { Workload } from "./workload.js";

const VALUE_BYTES = 64 * 1024;
const KEY_COUNT = 64;
const CONCURRENCY = 16;

function largeKey(sequence: number): string {
  return `bench:large:${sequence % KEY_COUNT}`;
}

export const largeValues: Workload = {
  id: "large-values-64k",
  title: "64 KiB values",
  description: `Alternating SET and GET of ${VALUE_BYTES / 1024} KiB values over ${KEY_COUNT} keys, ${CONCURRENCY} in flight; MB/s counts the value bytes sent or received.`,
  server: "standalone",
  primaryMetric: "megabytesPerSec",
  metrics: ["megabytesPerSec", "opsPerSec", "p50Micros", "p99Micros", "cpuMillisPer1kOps"],
  samplesPerRound: 1,
  async run({ connect, settings }) {
    const client = await connect();
    // Distinct per process so no library can reuse an encoding from a previous run.
    const value = `${process.pid}`.padEnd(VALUE_BYTES, "x");
    try {
      await Promise.all(
        Array.from({ length: KEY_COUNT }, (_, index) => client.set(largeKey(index), value)),
      );
      return await measureClosedLoop({
        settings,
        concurrency: CONCURRENCY,
        bytesPerOperation: VALUE_BYTES,
        operation: (sequence) =>
          sequence % 2 === 0
            ? client.set(largeKey(sequence), value)
            : client.get(largeKey(sequence)),
      });
    } finally {
      await client.close();
    }
  },
};
