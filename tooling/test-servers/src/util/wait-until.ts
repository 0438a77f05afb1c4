// Bounded polling: tests wait for conditions, never for a fixed time.
import { setTimeout as delay } from "node:timers/promises";
import { TestServerError } from "./errors.js";

export interface WaitOptions {
  /** What is awaited, for the error message. */
  description: string;
  deadlineMs: number;
  intervalMs?: number;
  /** Stop early: a check returns a reason when waiting is pointless (e.g. the process exited). */
  abortReason?: () => string | undefined;
}

/**
 * Calls `check` until it returns true. A check that throws counts as "not yet";
 * its last error is reported if the deadline passes.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  const started = Date.now();
  const interval = options.intervalMs ?? 25;
  let lastProblem = "condition was false";
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted !== undefined) {
      throw new TestServerError(`${options.description}: ${aborted}`);
    }
    try {
      if (await check()) return;
      lastProblem = "condition was false";
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    const elapsed = Date.now() - started;
    if (elapsed >= options.deadlineMs) {
      throw new TestServerError(
        `${options.description}: not reached within ${options.deadlineMs} ms (last: ${lastProblem})`,
      );
    }
    await delay(Math.min(interval, options.deadlineMs - elapsed));
  }
}
