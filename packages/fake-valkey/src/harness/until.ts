// Bounded polling for tests: wait for a condition, never for a fixed time.
import { setTimeout as delay } from "node:timers/promises";

/** Polls `check` every 5 ms until it holds; throws after `deadlineMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  deadlineMs = 5000,
): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await delay(5);
  }
}
