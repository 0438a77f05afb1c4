// Warm-up, then one measured closed loop, turned into report metrics.

import type { BenchClient, ServerAddress } from "../clients/bench-client.js";
import { runClosedLoop } from "../runner/closed-loop.js";
import { LatencyRecorder } from "../runner/latency-recorder.js";
import { ServerCpuProbe } from "../runner/server-cpu.js";
import { profiledWindow } from "../runner/window-profile.js";
import { preloadKeyspace, SMALL_VALUE, warmUp } from "./keyspace.js";
import type { MetricId, MetricValues } from "./metrics.js";
import type { RunSettings, WorkloadContext } from "./workload.js";

export interface MeasureOptions {
  settings: RunSettings;
  concurrency: number;
  operation: (sequence: number) => Promise<unknown>;
  /** Payload bytes moved per operation; adds megabytes per second. */
  bytesPerOperation?: number;
  /** Every server the client talks to: their CPU over the window adds server CPU per op. */
  servers?: readonly ServerAddress[];
}

export async function measureClosedLoop(options: MeasureOptions): Promise<MetricValues> {
  const { settings, concurrency, operation, bytesPerOperation, servers } = options;
  const probe =
    servers === undefined || servers.length === 0 ? undefined : await ServerCpuProbe.open(servers);
  let serverMicros: number | undefined;
  let result: Awaited<ReturnType<typeof runClosedLoop>>;
  const recorder = new LatencyRecorder();
  try {
    await warmUp(settings.warmupMs, concurrency, operation);
    const serverStart = await probe?.totalMicros();
    result = await profiledWindow(() =>
      runClosedLoop({ concurrency, durationMs: settings.durationMs, operation, recorder }),
    );
    if (probe && serverStart !== undefined)
      serverMicros = (await probe.totalMicros()) - serverStart;
  } finally {
    probe?.close();
  }
  if (result.operations === 0) throw new Error("No operation completed in the measured window");
  const seconds = result.elapsedMs / 1000;
  const [p50, p99] = recorder.percentiles([50, 99]);
  const metrics: MetricValues = {
    opsPerSec: result.operations / seconds,
    p50Micros: p50,
    p99Micros: p99,
    cpuMillisPer1kOps: result.cpuMicros / result.operations,
  };
  // µs per operation is ms per 1,000 operations.
  if (serverMicros !== undefined)
    metrics.serverCpuMillisPer1kOps = serverMicros / result.operations;
  if (bytesPerOperation !== undefined) {
    metrics.megabytesPerSec = (result.operations * bytesPerOperation) / seconds / 1_000_000;
  }
  return metrics;
}

/** The columns of every closed-loop request workload, in report order. */
export const REQUEST_METRICS: readonly MetricId[] = [
  "opsPerSec",
  "p50Micros",
  "p99Micros",
  "cpuMillisPer1kOps",
  "serverCpuMillisPer1kOps",
];

/**
 * Connects, writes the 100-byte keyspace, measures `operationOf(client)` at `concurrency`,
 * and closes the client whatever happens.
 */
export async function measurePreloaded(
  context: WorkloadContext,
  concurrency: number,
  operationOf: (client: BenchClient) => (sequence: number) => Promise<unknown>,
): Promise<MetricValues> {
  const client = await context.connect();
  try {
    const operation = operationOf(client);
    await preloadKeyspace(client, SMALL_VALUE);
    return await measureClosedLoop({
      settings: context.settings,
      concurrency,
      operation,
      servers: context.servers,
    });
  } finally {
    await client.close();
  }
}
