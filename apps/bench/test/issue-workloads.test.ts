// End to end against a real 6-node cluster and a standalone server: the
// cluster, pipeline and OTel workloads run in-process on short settings with
// Petrel and two peers. Asserts that numbers come out, never how fast they are.
import { type RunningTopology, startCluster, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findClient } from "../src/clients/registry.js";
import { aggregate } from "../src/report/aggregate.js";
import { executePlan } from "../src/runner/execute-plan.js";
import { runJob } from "../src/runner/job.js";
import { planRuns } from "../src/runner/plan.js";
import { clusterMget } from "../src/workloads/cluster-mget.js";
import { clusterMixedGetSet } from "../src/workloads/cluster-mixed-get-set.js";
import { otelOverhead } from "../src/workloads/otel-overhead.js";
import { pipelines } from "../src/workloads/pipelines.js";

describe("issue 6, 7 and 8 workloads against real servers", () => {
  let standalone: RunningTopology | undefined;
  let cluster: RunningTopology | undefined;

  beforeAll(async () => {
    standalone = await startStandalone();
    cluster = await startCluster();
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
    await standalone?.stop();
  });

  it("measures every admitted client and no other", async () => {
    const standaloneAddress = standalone?.description.addresses[0];
    const clusterAddress = cluster?.description.addresses[0];
    if (!standaloneAddress || !clusterAddress) throw new Error("no server address");
    // OTel at 0% last: OpenTelemetry.init is once per process and would instrument what follows.
    const workloads = [
      clusterMixedGetSet,
      clusterMget(100),
      pipelines("standalone"),
      pipelines("cluster"),
      otelOverhead(0),
    ];
    const clients = [findClient("petrel"), findClient("ioredis"), findClient("node-redis")];
    const outcomes = await executePlan(planRuns(workloads, clients, 1), {
      settings: { warmupMs: 20, durationMs: 150 },
      servers: { standalone: standaloneAddress, cluster: clusterAddress },
      runJob: (job) => runJob(job),
    });
    expect(outcomes.filter((outcome) => outcome.error !== undefined)).toEqual([]);
    const summaries = aggregate(outcomes, workloads, clients);
    expect(summaries.map((summary) => summary.rows.length)).toEqual([3, 3, 3, 3, 1]);
    for (const summary of summaries) {
      for (const row of summary.rows) {
        expect(row.metrics.opsPerSec).toBeGreaterThan(0);
        expect(row.metrics.cpuMillisPer1kOps).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});
