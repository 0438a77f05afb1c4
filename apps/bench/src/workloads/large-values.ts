// 64 KiB values: throughput of encoding, socket writes and reply assembly.
import type { BenchClient, ServerAddress } from "../clients/bench-client.js";
import { measureClosedLoop } from "./measure.js";
import type { MetricId, MetricValues } from "./metrics.js";
import type { RunSettings, Workload } from "./workload.js";

const VALUE_BYTES = 64 * 1024;
const KEY_COUNT = 64;
const CONCURRENCY = 16;

function largeKey(sequence: number): string {
  return `bench:large:${sequence % KEY_COUNT}`;
}

/** The columns of the large-value workloads: MB/s first. */
export const LARGE_VALUE_METRICS: readonly MetricId[] = [
  "megabytesPerSec",
  "opsPerSec",
  "p50Micros",
  "p99Micros",
  "cpuMillisPer1kOps",
  "serverCpuMillisPer1kOps",
];

/** 64 KiB SET+GET; `bytes`: GET replies as Buffers (Petrel's Decoder.Bytes, ioredis' getBuffer). */
export function largeValuesWith(replies: "string" | "bytes"): Workload {
  const bytes = replies === "bytes";
  return {
    id: bytes ? "large-values-64k-bytes" : "large-values-64k",
    title: bytes ? "64 KiB values, replies as bytes" : "64 KiB values",
    description: `Alternating SET and GET of ${VALUE_BYTES / 1024} KiB values over ${KEY_COUNT} keys, ${CONCURRENCY} in flight; MB/s counts the value bytes sent or received.${bytes ? " GET replies are Buffers: Petrel with Decoder.Bytes, ioredis with getBuffer." : ""}`,
    server: "standalone",
    primaryMetric: "megabytesPerSec",
    metrics: LARGE_VALUE_METRICS,
    samplesPerRound: 1,
    ...(bytes ? { clients: ["petrel", "ioredis", "ioredis-autopipeline"] as const } : {}),
    async run({ connect, settings, servers }) {
      // Distinct per process so no library can reuse an encoding from a previous run.
      const value = `${process.pid}`.padEnd(VALUE_BYTES, "x");
      const client = await connect(bytes ? { replyBytes: true } : undefined);
      return alternateSetGet(client, settings, value, largeKey, servers);
    },
  };
}

export const largeValues: Workload = largeValuesWith("string");

/**
 * Fills the keys with `value`, then measures SET and GET alternating over them,
 * CONCURRENCY in flight, counting the value's length per operation; closes the client.
 */
export async function alternateSetGet(
  client: BenchClient,
  settings: RunSettings,
  value: string,
  key: (sequence: number) => string,
  servers?: readonly ServerAddress[],
): Promise<MetricValues> {
  try {
    await Promise.all(
      Array.from({ length: KEY_COUNT }, (_, index) => client.set(key(index), value)),
    );
    return await measureClosedLoop({
      settings,
      concurrency: CONCURRENCY,
      bytesPerOperation: value.length,
      servers,
      operation: (sequence) =>
        sequence % 2 === 0 ? client.set(key(sequence), value) : client.get(key(sequence)),
    });
  } finally {
    await client.close();
  }
}
