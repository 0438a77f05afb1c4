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
  pairs: number;
  min: number;
  max: number;
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
  return {
    ratio: median(ratios),
    pairs: ratios.length,
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  };
}
