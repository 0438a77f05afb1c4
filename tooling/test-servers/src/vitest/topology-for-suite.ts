// One topology per test file (or describe block), started before its tests and
// stopped by pid after them, for suites that must not share servers.
import { afterAll, beforeAll } from "vitest";
import type { RunningTopology } from "../topology/running-topology.js";

/** What a suite reads of its topology; it is there from the suite's first test on. */
export type SuiteTopology = Pick<RunningTopology, "description" | "processes">;

/**
 * Registers the beforeAll that runs `start` and the afterAll that stops what
 * it started. Reading the result outside the suite's tests and hooks throws.
 */
export function topologyForSuite(
  start: () => Promise<RunningTopology>,
  startTimeoutMs = 60_000,
): SuiteTopology {
  let started: RunningTopology | undefined;
  beforeAll(async () => {
    started = await start();
  }, startTimeoutMs);
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): RunningTopology => {
    if (started === undefined)
      throw new Error("the topology starts in beforeAll: read it in a test");
    return started;
  };
  return {
    get description() {
      return current().description;
    },
    get processes() {
      return current().processes;
    },
  };
}
