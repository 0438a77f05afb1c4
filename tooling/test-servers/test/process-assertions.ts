// Shared assertions for integration tests: a stopped server must be gone.
import { existsSync } from "node:fs";
import { expect } from "vitest";
import type { RunningTopology } from "../src/index.js";
import { trackedProcessIds } from "../src/index.js";

export function expectProcessGone(pid: number): void {
  let code: string | undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code;
  }
  expect(code, `process ${pid} should not exist`).toBe("ESRCH");
}

/** After stop(): every pid reaped (ESRCH), untracked, and the run directory removed. */
export function expectTopologyGone(topology: RunningTopology): void {
  expect(topology.pids.length).toBeGreaterThan(0);
  for (const pid of topology.pids) {
    expectProcessGone(pid);
    expect(trackedProcessIds()).not.toContain(pid);
  }
  expect(existsSync(topology.description.directory)).toBe(false);
}
