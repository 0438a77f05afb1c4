// Warm-up, then one measured closed loop, turned into report metrics.
import { runClosedLoop } from "../runner/closed-loop.js";
import { LatencyRecorder } from "../runner/latency-recorder.js";
import { warmUp } from "./keyspace.js";
import type { MetricValues } from "./metrics.js";
import type { RunSettings } from "./workload.js";

export interface MeasureOptions {
  settings: RunSettings;
  concurrency: number;
  operation: (sequence: number) => Promise<unknown>;
  /** Payload bytes moved per operation; adds megabytes per second. */
  bytesPerOperation?: number;
}

export async function measureClosedLoop(options: MeasureOptions): Promise<MetricValues> {
  const { settings, concurrency, operation, bytesPerOperation } = options;
  await warmUp(settings.warmupMs, concurrency, operation);
  const recorder = new LatencyRecorder();
  const result = await runClosedLoop({
    concurrency,
    durationMs: settings.durationMs,
    operation,
    recorder,
  });
  if (result.operations === 0) throw new Error("No operation completed in the measured window");
  const seconds = result.elapsedMs / 1000;
  const [p50, p99] = recorder.percentiles([50, 99]);
  const metrics: MetricValues = {
    opsPerSec: result.operations / seconds,
    p50Micros: p50,
    p99Micros: p99,
    cpuMillisPer1kOps: result.cpuMicros / result.operations,
  };
  if (bytesPerOperation !== undefined) {
    metrics.megabytesPerSec = (result.operations * bytesPerOperation) / seconds / 1_000_000;
  }
  return metrics;
}
