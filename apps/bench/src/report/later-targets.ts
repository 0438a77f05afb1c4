// Targets of issues 6 (cluster), 7 (pipelines), 8 (OTel overhead), 10 (cold
// start) and 19 (MGET one in flight, redis-benchmark GET), checked against the
// aggregated results in the same shape as issue 4's.

import type { RedisBenchmarkResult } from "../cli/redis-benchmark.js";
import type { ClientId } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { type MetricId, metricCatalog } from "../workloads/metrics.js";
import { bestPeerValue, rowFor, type WorkloadSummary } from "./aggregate.js";
import { formatNumber, formatRatio } from "./format.js";
import { type PairedRatio, pairedRatio } from "./paired.js";
import { perRoundRatios, type RoundBaseline } from "./per-round.js";
import { judge, type Target, type TargetResult } from "./targets.js";

/** redis-benchmark's pipelined rates, when it ran. */
export type RedisBenchmarkRates = Pick<RedisBenchmarkResult, "setsPerSec" | "getsPerSec">;

/** A value Petrel is compared with, from elsewhere in the run. */
interface Comparison {
  statement: string;
  workloadId: string;
  metric: MetricId;
  baselineLabel: string;
  baseline: (summaries: readonly WorkloadSummary[]) => number | undefined;
  bound: "at-least" | "at-most";
  factor: number;
  /** Judge by the median of run-by-run ratios to this interleaved workload (report/paired.ts). */
  pairedWith?: string;
  /**
   * With pairedWith: say whether the 95% confidence interval of the median pair ratio
   * lies entirely on one side of the factor (the run settles it) or not.
   */
  settleByInterval?: boolean;
  /** A peer of the same workload: the Detail then shows the per-round ratios (per-round.ts). */
  roundBaseline?: RoundBaseline;
}

function petrelValue(
  summaries: readonly WorkloadSummary[],
  workloadId: string,
  metric: MetricId,
): number | undefined {
  const summary = summaries.find((candidate) => candidate.workload.id === workloadId);
  return summary?.rows.find((row) => row.client.role === "petrel")?.metrics[metric];
}

function bestPeer(workloadId: string): Comparison["baseline"] {
  return (summaries) => {
    const summary = summaries.find((candidate) => candidate.workload.id === workloadId);
    return summary ? bestPeerValue(summary, "opsPerSec", true) : undefined;
  };
}

function peerRow(
  workloadId: string,
  clientId: ClientId,
  metric: MetricId = "opsPerSec",
): Comparison["baseline"] {
  return (summaries) => {
    const summary = summaries.find((candidate) => candidate.workload.id === workloadId);
    return summary ? rowFor(summary, clientId)?.metrics[metric] : undefined;
  };
}

export function laterTargets(redisBenchmark: RedisBenchmarkRates | undefined): Comparison[] {
  return [
    {
      statement: "Issue 6: cluster 80/20 c=100 ops/s ≥ 1.5× best peer",
      workloadId: "cluster-mixed-80-20-c100",
      metric: "opsPerSec",
      baselineLabel: "best peer",
      baseline: bestPeer("cluster-mixed-80-20-c100"),
      roundBaseline: "best-peer",
      bound: "at-least",
      factor: 1.5,
    },
    {
      statement: "Issue 19: cluster 80/20 c=100 server CPU per op ≤ ioredis (autopipelining)",
      workloadId: "cluster-mixed-80-20-c100",
      metric: "serverCpuMillisPer1kOps",
      baselineLabel: "ioredis (autopipelining)",
      baseline: peerRow(
        "cluster-mixed-80-20-c100",
        "ioredis-autopipeline",
        "serverCpuMillisPer1kOps",
      ),
      roundBaseline: "ioredis-autopipeline",
      bound: "at-most",
      factor: 1,
    },
    {
      statement: "Issue 6: cluster cross-slot MGET ops/s ≥ 1.5× best peer",
      workloadId: "cluster-mget-10",
      metric: "opsPerSec",
      baselineLabel: "best peer",
      baseline: bestPeer("cluster-mget-10"),
      roundBaseline: "best-peer",
      bound: "at-least",
      factor: 1.5,
    },
    {
      statement: "Issue 19: cluster cross-slot MGET, one in flight, ops/s ≥ 1.5× node-redis",
      workloadId: "cluster-mget-10-c1",
      metric: "opsPerSec",
      baselineLabel: "node-redis",
      baseline: peerRow("cluster-mget-10-c1", "node-redis"),
      roundBaseline: "node-redis",
      bound: "at-least",
      factor: 1.5,
    },
    ...(["standalone", "cluster"] as const).map(
      (server): Comparison => ({
        statement: `Issue 7: pipelines (${server}) ≥ 1.2× node-redis`,
        workloadId: `pipelines-${server}`,
        metric: "opsPerSec",
        baselineLabel: "node-redis",
        baseline: peerRow(`pipelines-${server}`, "node-redis"),
        roundBaseline: "node-redis",
        bound: "at-least",
        factor: 1.2,
      }),
    ),
    {
      statement: "Issue 7: standalone pipelines ≥ 60% of redis-benchmark -P 16",
      workloadId: "pipelines-standalone",
      metric: "opsPerSec",
      baselineLabel: "redis-benchmark",
      baseline: () => redisBenchmark?.setsPerSec,
      bound: "at-least",
      factor: 0.6,
    },
    {
      statement: "Issue 19: 80/20 c=100 ≥ 50% of redis-benchmark -P 16 GET",
      workloadId: "mixed-80-20-c100",
      metric: "opsPerSec",
      baselineLabel: "redis-benchmark GET",
      baseline: () => redisBenchmark?.getsPerSec,
      bound: "at-least",
      factor: 0.5,
    },
    {
      statement: "Issue 8: OTel loaded at 0% sampling within 3% of absent",
      workloadId: "otel-sample-0",
      metric: "opsPerSec",
      baselineLabel: "plugin absent",
      baseline: (summaries) => petrelValue(summaries, "otel-absent", "opsPerSec"),
      bound: "at-least",
      factor: 0.97,
      pairedWith: "otel-absent",
    },
    {
      statement:
        "Issue 19: OTel loaded at 0% sampling costs ≤ 3% client CPU per request (median of paired runs, 95% CI)",
      workloadId: "otel-sample-0",
      metric: "cpuMillisPer1kOps",
      baselineLabel: "plugin absent",
      baseline: (summaries) => petrelValue(summaries, "otel-absent", "cpuMillisPer1kOps"),
      bound: "at-most",
      factor: 1.03,
      pairedWith: "otel-absent",
      settleByInterval: true,
    },
    {
      statement: "Issue 10: import + createClient + first PING ≤ 30 ms",
      workloadId: "cold-start",
      metric: "coldStartMillis",
      baselineLabel: "30 ms",
      baseline: () => 30,
      bound: "at-most",
      factor: 1,
    },
  ];
}

/** The same pairs' CPU per request, the steadier measure of a cost on a shared machine. */
function cpuNote(outcomes: readonly RunOutcome[], comparison: Comparison): string {
  if (comparison.pairedWith === undefined || comparison.metric === "cpuMillisPer1kOps") return "";
  const cpu = pairedRatio(
    outcomes,
    comparison.workloadId,
    comparison.pairedWith,
    "cpuMillisPer1kOps",
  );
  if (cpu === undefined) return "";
  const interval =
    cpu.interval === undefined
      ? ""
      : `, mean 95% CI ${precise(cpu.interval[0])}–${precise(cpu.interval[1])}`;
  return `; CPU per request, median pair ratio ${precise(cpu.ratio)}${interval}`;
}

/**
 * Met only if the whole 95% interval of the median pair ratio meets the bound, missed
 * only if the whole interval misses it; otherwise (or with no interval, below 6 pairs)
 * "unsettled": this run cannot tell, and more pairs (--otel-pairs, --rounds) would.
 */
export function settledVerdict(
  medianInterval: readonly [number, number] | undefined,
  bound: "at-least" | "at-most",
  factor: number,
): boolean | "unsettled" {
  if (medianInterval === undefined) return "unsettled";
  const [low, high] = medianInterval;
  const atMost = bound === "at-most";
  if (atMost ? high <= factor : low >= factor) return true;
  if (atMost ? low > factor : high < factor) return false;
  return "unsettled";
}

function settlement(paired: PairedRatio, comparison: Comparison): string {
  const mean =
    paired.interval === undefined
      ? ""
      : `; mean ${precise(paired.mean)}, t interval ${precise(paired.interval[0])}–${precise(paired.interval[1])}`;
  if (paired.medianInterval === undefined) return `no interval below 6 pairs${mean}`;
  const [low, high] = paired.medianInterval;
  const verdict = settledVerdict(paired.medianInterval, comparison.bound, comparison.factor);
  const text =
    verdict === "unsettled"
      ? `not settled: the interval straddles ${precise(comparison.factor)}`
      : verdict
        ? "settled: the whole interval meets the target"
        : "settled: the whole interval misses the target";
  return `95% CI ${precise(low)}–${precise(high)}, ${text}${mean}`;
}

/** Three decimals: a paired ratio judges differences of a few percent. */
function precise(ratio: number): string {
  return `${ratio.toFixed(3)}×`;
}

export function evaluateLaterTargets(
  summaries: readonly WorkloadSummary[],
  redisBenchmark: RedisBenchmarkRates | undefined,
  outcomes: readonly RunOutcome[] = [],
): TargetResult[] {
  return laterTargets(redisBenchmark).map((comparison) => {
    const target: Target = {
      workloadId: comparison.workloadId,
      metric: comparison.metric,
      baseline: "best-peer",
      bound: comparison.bound,
      factor: comparison.factor,
      statement: comparison.statement,
    };
    const info = metricCatalog[comparison.metric];
    const petrel = petrelValue(summaries, comparison.workloadId, comparison.metric);
    const baseline = comparison.baseline(summaries);
    if (petrel === undefined || baseline === undefined || !(baseline > 0)) {
      return { target, met: undefined, ratio: undefined, detail: "not measured in this run" };
    }
    const paired =
      comparison.pairedWith === undefined
        ? undefined
        : pairedRatio(outcomes, comparison.workloadId, comparison.pairedWith, comparison.metric);
    const ratio = paired?.ratio ?? petrel / baseline;
    const medians = `Petrel ${formatNumber(petrel, info.digits)} vs ${comparison.baselineLabel} ${formatNumber(baseline, info.digits)} ${info.heading}`;
    const values =
      paired === undefined
        ? `${medians}: ${formatRatio(ratio)}`
        : comparison.settleByInterval === true
          ? `median of ${paired.pairs} paired runs ${precise(ratio)} (${settlement(paired, comparison)}; pairs ${precise(paired.min)}–${precise(paired.max)}; medians ${medians})`
          : `median of ${paired.pairs} paired runs ${precise(ratio)} (pairs ${precise(paired.min)}–${precise(paired.max)}; medians ${medians}${cpuNote(outcomes, comparison)})`;
    if (paired !== undefined && comparison.settleByInterval === true) {
      // Judged by the interval alone: a median on the right side of the bound is not enough.
      const met = settledVerdict(paired.medianInterval, comparison.bound, comparison.factor);
      return { target, met, ratio, detail: values };
    }
    const rounds =
      comparison.roundBaseline === undefined
        ? []
        : perRoundRatios(
            outcomes,
            comparison.workloadId,
            comparison.metric,
            comparison.roundBaseline,
          );
    return { target, ...judge(comparison, ratio, values, rounds) };
  });
}
