import { describe, expect, it } from "vitest";
import { runClosedLoop } from "../runner/closed-loop.js";
import { LatencyRecorder } from "../runner/latency-recorder.js";
import { measureClosedLoop } from "./measure.js";

// Replies on the next macrotask, like a socket would.
const slowEcho = (): Promise<string> => new Promise((resolve) => setImmediate(() => resolve("ok")));

describe("closed-loop measurement", () => {
  it("keeps `concurrency` operations in flight and counts every completion", async () => {
    let inFlight = 0;
    let peak = 0;
    const recorder = new LatencyRecorder();
    const result = await runClosedLoop({
      concurrency: 8,
      durationMs: 50,
      recorder,
      operation: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await slowEcho();
        inFlight--;
      },
    });
    expect(peak).toBe(8);
    expect(result.operations).toBeGreaterThan(0);
    expect(recorder.size).toBe(result.operations);
    expect(result.cpuMicros).toBeGreaterThan(0);
  });

  it("reports throughput, latency percentiles, CPU and optional MB/s", async () => {
    const metrics = await measureClosedLoop({
      settings: { warmupMs: 10, durationMs: 50 },
      concurrency: 4,
      bytesPerOperation: 1000,
      operation: slowEcho,
    });
    expect(metrics.opsPerSec).toBeGreaterThan(0);
    expect(metrics.p50Micros).toBeGreaterThan(0);
    expect(metrics.p99Micros).toBeGreaterThanOrEqual(metrics.p50Micros ?? Number.NaN);
    expect(metrics.cpuMillisPer1kOps).toBeGreaterThan(0);
    expect(metrics.megabytesPerSec).toBeCloseTo(((metrics.opsPerSec ?? 0) * 1000) / 1e6, 6);
  });

  it("rejects a concurrency that is not a positive integer", async () => {
    await expect(
      runClosedLoop({ concurrency: 0, durationMs: 10, operation: slowEcho }),
    ).rejects.toThrow(RangeError);
  });
});
