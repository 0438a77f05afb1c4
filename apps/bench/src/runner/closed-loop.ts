// Closed-loop load: `concurrency` lanes, each issuing its next operation as
// soon as the previous one settles, until the deadline. Measures client CPU
// with process.cpuUsage() over exactly the measured window.
import type { LatencyRecorder } from "./latency-recorder.js";

export interface ClosedLoopOptions {
  concurrency: number;
  durationMs: number;
  /** Called with a global sequence number; the lanes share it. */
  operation: (sequence: number) => Promise<unknown>;
  /** When given, each operation's latency is recorded in microseconds. */
  recorder?: LatencyRecorder;
}

export interface ClosedLoopResult {
  operations: number;
  elapsedMs: number;
  /** User + system CPU of this process during the window, in microseconds. */
  cpuMicros: number;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const { concurrency, durationMs, operation, recorder } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  if (!(durationMs > 0)) throw new RangeError(`durationMs must be positive, got ${durationMs}`);
  let sequence = 0;
  let completed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;

  // One clock read per operation: the time it completed is the time the next one is issued.
  const lane = async (): Promise<void> => {
    let issued = performance.now();
    while (issued < deadline) {
      await operation(sequence++);
      const now = performance.now();
      recorder?.record((now - issued) * 1000);
      completed++;
      issued = now;
    }
  };

  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { operations: completed, elapsedMs, cpuMicros: cpu.user + cpu.system };
}
