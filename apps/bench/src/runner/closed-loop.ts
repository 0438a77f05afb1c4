// Closed-loop load: `concurrency` lanes, each issuing its next operation as
// soon as the previous one settles, until the deadline. Measures client CPU
// with process.cpuUsage() over exactly the measured window.
//
// What the loop itself costs per operation, measured with an operation that returns an
// already resolved promise (Node 20, the shared 2-core development machine, December 2026):
// 90-120 ns of CPU, nearly all of it the one clock read (performance.now(), 45-70 ns on that
// VM) and the `await` (one microtask, about 30 ns); recording is one histogram increment. So no client can exceed about 10 M operations/s per process here,
// whatever its operation costs. (With the growable sample array it replaced: 125-220 ns.)
import { LatencyRecorder } from "./latency-recorder.js";

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
  const { concurrency, durationMs, operation } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  if (!(durationMs > 0)) throw new RangeError(`durationMs must be positive, got ${durationMs}`);
  // Always a recorder (a throwaway one for warm-ups): one monomorphic call, no branch.
  const recorder = options.recorder ?? new LatencyRecorder();
  let sequence = 0;
  let completed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;

  // One clock read per operation: the time it completed is the time the next one is issued.
  // No closure or object per operation: `operation` is called directly and awaited.
  const lane = async (): Promise<void> => {
    let issued = performance.now();
    while (issued < deadline) {
      await operation(sequence++);
      const now = performance.now();
      recorder.record((now - issued) * 1000);
      completed++;
      issued = now;
    }
  };

  const lanes: Promise<void>[] = [];
  for (let index = 0; index < concurrency; index++) lanes.push(lane());
  await Promise.all(lanes);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { operations: completed, elapsedMs, cpuMicros: cpu.user + cpu.system };
}
