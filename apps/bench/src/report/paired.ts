// Ratios between two interleaved workloads (see Workload.interleaveGroup),
// taken run by run: the run of A and the run of B with the same round and
// sample were adjacent in time, so the machine's drift (other load, thermal
// state, the server's memory) mostly cancels in their ratio. The median of
// those ratios is a steadier measure of a small difference than the ratio of
// two medians taken minutes apart.
import type { RunOutcome } from "../runner/execute-plan.js";
import type { MetricId } from "../workloads/metrics.js";
import { median } from "./aggregate.js";

export interface PairedRatio {
  /** Median of the per-pair ratios A / B. */
  ratio: number;
  /** Mean of the per-pair ratios: the centre of `interval`. */
  mean: number;
  pairs: number;
  min: number;
  max: number;
  /** 95% confidence interval of the mean ratio (Student's t); absent below 2 pairs. */
  interval?: readonly [number, number];
  /** 95% confidence interval of the median ratio (sign test); absent below 6 pairs. */
  medianInterval?: readonly [number, number];
}

/** Two-sided 95% Student's t quantiles for 1–30 degrees of freedom; 1.96 beyond. */
const T95 = [
  12.71, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The 95% confidence interval of the mean of `values`, or undefined below two values. */
export function meanInterval(values: readonly number[]): readonly [number, number] | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const half = (T95[n - 2] ?? 1.96) * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}

/**
 * A distribution-free 95% confidence interval of the median of `values`: the k-th lowest
 * and k-th highest value, with k the largest rank for which the chance that fewer than k
 * values fall below the true median (Binomial(n, ½)) is at most 2.5%. One burst of other
 * load on a shared machine moves a mean and its t interval, but not this. Undefined
 * below 6 values, where even the lowest and highest leave more than 5% outside.
 */
export function medianInterval(values: readonly number[]): readonly [number, number] | undefined {
  const n = values.length;
  // P(X = 0) for X ~ Binomial(n, ½), then P(X ≤ j) term by term.
  let term = 0.5 ** n;
  let below = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    below += term;
    if (below > 0.025) break;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  if (k === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  return [sorted[k - 1] as number, sorted[n - k] as number];
}

export function pairedRatio(
  outcomes: readonly RunOutcome[],
  workloadA: string,
  workloadB: string,
  metric: MetricId,
  clientId = "petrel",
): PairedRatio | undefined {
  const runValues = (workload: string): Map<string, number> => {
    const values = new Map<string, number>();
    for (const { run, metrics } of outcomes) {
      const value = metrics?.[metric];
      if (run.workload.id !== workload || run.client.id !== clientId) continue;
      if (value !== undefined && Number.isFinite(value))
        values.set(`${run.round}/${run.sample}`, value);
    }
    return values;
  };
  const a = runValues(workloadA);
  const b = runValues(workloadB);
  const ratios: number[] = [];
  for (const [pair, value] of a) {
    const baseline = b.get(pair);
    if (baseline !== undefined && baseline > 0) ratios.push(value / baseline);
  }
  if (ratios.length === 0) return undefined;
  const interval = meanInterval(ratios);
  const ofMedian = medianInterval(ratios);
  return {
    ratio: median(ratios),
    mean: ratios.reduce((sum, value) => sum + value, 0) / ratios.length,
    pairs: ratios.length,
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    ...(interval === undefined ? {} : { interval }),
    ...(ofMedian === undefined ? {} : { medianInterval: ofMedian }),
  };
}
