// Issue 4's and issue 19's performance targets against a peer of the same
// workload, checked against the aggregated results and, round by round,
// against the runs behind them (per-round.ts).
import type { RunOutcome } from "../runner/execute-plan.js";
import { type MetricId, metricCatalog } from "../workloads/metrics.js";
import { bestPeerValue, rowFor, type WorkloadSummary } from "./aggregate.js";
import { formatNumber, formatRatio } from "./format.js";
import { describeRounds, perRoundRatios, type RoundRatio, worstRound } from "./per-round.js";

export interface Target {
  workloadId: string;
  metric: MetricId;
  /** What Petrel is compared with: the best peer on this metric, or plain ioredis. */
  baseline: "best-peer" | "ioredis";
  bound: "at-least" | "at-most";
  factor: number;
  statement: string;
  /** Met only if the median ratio and the ratio of every single round are (per-round.ts). */
  everyRound?: boolean;
}

export interface TargetResult {
  target: Target;
  /**
   * undefined when Petrel or the baseline was not measured; "unsettled" when a target
   * judged by a confidence interval has an interval that straddles its bound.
   */
  met: boolean | "unsettled" | undefined;
  /** Petrel's value divided by the baseline's. */
  ratio: number | undefined;
  detail: string;
}

export const issueFourTargets: readonly Target[] = [
  throughput("mixed-80-20-c100", "c=100"),
  cpu("mixed-80-20-c100", "c=100"),
  throughput("mixed-80-20-c1000", "c=1000"),
  cpu("mixed-80-20-c1000", "c=1000"),
  {
    workloadId: "sequential-get",
    metric: "p50Micros",
    baseline: "ioredis",
    bound: "at-most",
    factor: 0.9,
    statement: "Sequential GET p50 ≤ 0.9× ioredis",
  },
  {
    workloadId: "large-values-64k",
    metric: "megabytesPerSec",
    baseline: "ioredis",
    bound: "at-least",
    factor: 1.2,
    statement: "64 KiB throughput ≥ 1.2× ioredis",
  },
];

/** Issue 19's targets that compare with a peer in the same workload. */
export const issueNineteenTargets: readonly Target[] = [
  {
    workloadId: "sequential-get",
    metric: "p50Micros",
    baseline: "ioredis",
    bound: "at-most",
    factor: 0.95,
    statement: "Issue 19: sequential GET p50 ≤ 0.95× ioredis",
  },
  {
    workloadId: "sequential-get",
    metric: "cpuMillisPer1kOps",
    baseline: "ioredis",
    bound: "at-most",
    factor: 1,
    statement: "Issue 19: sequential GET client CPU per op ≤ 1.0× ioredis",
  },
  {
    workloadId: "large-values-64k",
    metric: "cpuMillisPer1kOps",
    baseline: "ioredis",
    bound: "at-most",
    factor: 1,
    statement: "Issue 19: 64 KiB client CPU per op ≤ 1.0× ioredis",
  },
  {
    workloadId: "mixed-80-20-c100",
    metric: "opsPerSec",
    baseline: "best-peer",
    bound: "at-least",
    factor: 3,
    statement: "Issue 19: 80/20 c=100 ops/s ≥ 3× best peer in every round",
    everyRound: true,
  },
  {
    workloadId: "mixed-80-20-c1000",
    metric: "opsPerSec",
    baseline: "best-peer",
    bound: "at-least",
    factor: 3,
    statement: "Issue 19: 80/20 c=1000 ops/s ≥ 3× best peer in every round",
    everyRound: true,
  },
];

function throughput(workloadId: string, label: string): Target {
  return {
    workloadId,
    metric: "opsPerSec",
    baseline: "best-peer",
    bound: "at-least",
    factor: 1.5,
    statement: `80/20 ${label}: ops/s ≥ 1.5× best peer`,
  };
}

function cpu(workloadId: string, label: string): Target {
  return {
    workloadId,
    metric: "cpuMillisPer1kOps",
    baseline: "ioredis",
    bound: "at-most",
    factor: 0.5,
    statement: `80/20 ${label}: client CPU per op ≤ 0.5× ioredis`,
  };
}

/** `outcomes` are the runs behind `summaries`: each target's Detail shows its per-round ratios. */
export function evaluateTargets(
  summaries: readonly WorkloadSummary[],
  outcomes: readonly RunOutcome[] = [],
  targets: readonly Target[] = [...issueFourTargets, ...issueNineteenTargets],
): TargetResult[] {
  return targets.map((target) => evaluate(summaries, outcomes, target));
}

function evaluate(
  summaries: readonly WorkloadSummary[],
  outcomes: readonly RunOutcome[],
  target: Target,
): TargetResult {
  const summary = summaries.find((candidate) => candidate.workload.id === target.workloadId);
  const info = metricCatalog[target.metric];
  const petrel = summary?.rows.find((row) => row.client.role === "petrel")?.metrics[target.metric];
  const baseline =
    summary === undefined
      ? undefined
      : target.baseline === "best-peer"
        ? bestPeerValue(summary, target.metric, info.higherIsBetter)
        : rowFor(summary, "ioredis")?.metrics[target.metric];
  if (petrel === undefined || baseline === undefined || !(baseline > 0)) {
    return { target, met: undefined, ratio: undefined, detail: "not measured in this run" };
  }
  const ratio = petrel / baseline;
  const values = `Petrel ${formatNumber(petrel, info.digits)} vs ${target.baseline === "ioredis" ? "ioredis" : "best peer"} ${formatNumber(baseline, info.digits)} ${info.heading}: ${formatRatio(ratio)}`;
  const rounds = perRoundRatios(outcomes, target.workloadId, target.metric, target.baseline);
  return { target, ...judge(target, ratio, values, rounds) };
}

/**
 * Met or missed, and by how much (relative to the target value itself). A target with
 * `everyRound` is also missed when its worst round is, even if the median holds.
 */
export function judge(
  target: Pick<Target, "bound" | "factor" | "everyRound">,
  ratio: number,
  values: string,
  rounds: readonly RoundRatio[],
): Pick<TargetResult, "met" | "ratio" | "detail"> {
  const holds = (value: number) =>
    target.bound === "at-least" ? value >= target.factor : value <= target.factor;
  const miss = (value: number) =>
    target.bound === "at-least"
      ? `${((1 - value / target.factor) * 100).toFixed(0)}% below the target`
      : `${((value / target.factor - 1) * 100).toFixed(0)}% above the target`;
  const worst = target.everyRound === true ? worstRound(rounds, target.bound) : undefined;
  const roundText = describeRounds(rounds);
  const detail = roundText === "" ? values : `${values} (median); ${roundText}`;
  if (!holds(ratio)) return { met: false, ratio, detail: `${detail}, missed: ${miss(ratio)}` };
  if (worst !== undefined && !holds(worst.ratio)) {
    const missed = `round ${worst.round + 1} at ${formatRatio(worst.ratio)}, ${miss(worst.ratio)}`;
    return { met: false, ratio, detail: `${detail}, missed: ${missed}` };
  }
  const every = worst === undefined ? "" : ` in every round (worst ${formatRatio(worst.ratio)})`;
  return { met: true, ratio, detail: `${detail}, met${every}` };
}

export function renderTargets(results: readonly TargetResult[]): string {
  const lines = ["| Target | Result | Detail |", "| --- | --- | --- |"];
  for (const result of results) {
    const verdict =
      result.met === undefined
        ? "not measured"
        : result.met === "unsettled"
          ? "not settled"
          : result.met
            ? "met"
            : "missed";
    lines.push(`| ${result.target.statement} | ${verdict} | ${result.detail} |`);
  }
  return lines.join("\n");
}
