// End to end against a real redis-server: plan, run (in-process), aggregate,
// and render, with Petrel and ioredis on short settings. Asserts that numbers
// come out, never how fast they are.
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findClient } from "../src/clients/registry.js";
import { aggregate } from "../src/report/aggregate.js";
import { renderAllTables } from "../src/report/markdown-table.js";
import { executePlan } from "../src/runner/execute-plan.js";
import { runJob } from "../src/runner/job.js";
import { planRuns } from "../src/runner/plan.js";
import { coldStart } from "../src/workloads/cold-start.js";
import { largeValues } from "../src/workloads/large-values.js";
import { mixedGetSet } from "../src/workloads/mixed-get-set.js";

describe("workload runner against a real server", () => {
  let server: RunningTopology;

  beforeAll(async () => {
    server = await startStandalone();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("runs each workload with Petrel, a peer and the floor and reports positive numbers", async () => {
    const address = server.description.addresses[0];
    if (!address) throw new Error("no server address");
    const workloads = [mixedGetSet(100), largeValues, coldStart];
    const clients = [findClient("petrel"), findClient("ioredis"), findClient("raw-socket")];
    const progress: number[] = [];
    const outcomes = await executePlan(planRuns(workloads, clients, 1), {
      settings: { warmupMs: 20, durationMs: 150 },
      servers: { standalone: address },
      serverNodes: { standalone: [address] },
      runJob: (job) => runJob(job),
      onProgress: (done) => progress.push(done),
    });
    expect(outcomes.filter((outcome) => outcome.error !== undefined)).toEqual([]);
    expect(progress.at(-1)).toBe(outcomes.length);

    const [mixed, large, cold] = aggregate(outcomes, workloads, clients);
    for (const row of mixed?.rows ?? []) {
      expect(row.metrics.opsPerSec).toBeGreaterThan(0);
      expect(row.metrics.p50Micros).toBeGreaterThan(0);
      expect(row.metrics.cpuMillisPer1kOps).toBeGreaterThan(0);
      // The server's INFO cpu moved over the window: it served every request.
      expect(row.metrics.serverCpuMillisPer1kOps).toBeGreaterThan(0);
    }
    for (const row of large?.rows ?? []) {
      expect(row.metrics.megabytesPerSec).toBeGreaterThan(0);
      expect(row.metrics.serverCpuMillisPer1kOps).toBeGreaterThan(0);
    }
    for (const row of cold?.rows ?? []) expect(row.metrics.coldStartMillis).toBeGreaterThan(0);
    expect(renderAllTables([mixed, large, cold].flatMap((s) => (s ? [s] : [])))).toContain(
      "**Petrel**",
    );
  });
});
