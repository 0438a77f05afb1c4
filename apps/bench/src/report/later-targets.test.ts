import { describe, expect, it } from "vitest";
import { findClient } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { canRun, planRuns } from "../runner/plan.js";
import { clusterMget } from "../workloads/cluster-mget.js";
import { otelOverhead } from "../workloads/otel-overhead.js";
import { pipelines } from "../workloads/pipelines.js";
import { aggregate } from "./aggregate.js";
import { evaluateLaterTargets } from "./later-targets.js";

const clients = [findClient("petrel"), findClient("node-redis"), findClient("raw-socket")];
const standalonePipelines = pipelines("standalone");
const otelAbsent = otelOverhead("absent");
const otelZero = otelOverhead(0);

describe("issue 6–10 workloads and targets", () => {
  it("plans only the clients a workload admits", () => {
    expect(canRun(clusterMget(100), findClient("raw-socket"))).toBe(false);
    expect(canRun(clusterMget(100), findClient("node-redis"))).toBe(true);
    const runs = planRuns([otelZero, standalonePipelines], clients, 1);
    expect(runs.map((run) => `${run.workload.id}/${run.client.id}`)).toEqual([
      ...Array.from({ length: 5 }, () => "otel-sample-0/petrel"),
      "pipelines-standalone/petrel",
      "pipelines-standalone/node-redis",
    ]);
  });

  it("compares pipelines with node-redis and redis-benchmark, OTel with absent", () => {
    const values: Record<string, number> = {
      "pipelines-standalone/petrel": 300_000,
      "pipelines-standalone/node-redis": 200_000,
      "otel-absent/petrel": 100_000,
      "otel-sample-0/petrel": 96_000,
    };
    const outcomes: RunOutcome[] = planRuns(
      [standalonePipelines, otelAbsent, otelZero],
      clients,
      1,
    ).map((run) => ({
      run,
      metrics: {
        opsPerSec: values[`${run.workload.id}/${run.client.id}`] ?? 0,
        cpuMillisPer1kOps: run.workload.id === "otel-sample-0" ? 2.1 : 2,
      },
    }));
    const summaries = aggregate(outcomes, [standalonePipelines, otelAbsent, otelZero], clients);
    const results = evaluateLaterTargets(
      summaries,
      { setsPerSec: 400_000, getsPerSec: 500_000 },
      outcomes,
    );
    const byStatement = (text: string) =>
      results.find((result) => result.target.statement.includes(text));
    expect(byStatement("pipelines (standalone) ≥ 1.2× node-redis")).toMatchObject({
      met: true,
      ratio: 1.5,
    });
    expect(byStatement("redis-benchmark")).toMatchObject({ met: true, ratio: 0.75 });
    const otel = byStatement("OTel");
    expect(otel?.met).toBe(false);
    expect(otel?.detail).toContain("median of 5 paired runs 0.960×");
    expect(otel?.detail).toContain("CPU per request, median pair ratio 1.050×");
    expect(otel?.detail).toContain("1% below the target");
    expect(byStatement("cluster 80/20")?.met).toBeUndefined();
  });
});
