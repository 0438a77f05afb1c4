// Folds the runs of each (workload, client) pair into one row: the median of
// each metric across rounds and samples, plus any errors seen.
import type { ClientEntry } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import type { MetricId, MetricValues } from "../workloads/metrics.js";
import type { Workload } from "../workloads/workload.js";

export interface ClientRow {
  client: ClientEntry;
  metrics: MetricValues;
  /** Successful runs behind the medians. */
  samples: number;
  /** Lowest and highest value of the workload's primary metric across those runs: the noise. */
  primaryRange: { min: number; max: number } | undefined;
  errors: string[];
}

export interface WorkloadSummary {
  workload: Workload;
  rows: ClientRow[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function aggregate(
  outcomes: readonly RunOutcome[],
  workloads: readonly Workload[],
  clients: readonly ClientEntry[],
): WorkloadSummary[] {
  return workloads.map((workload) => ({
    workload,
    // Clients a workload does not admit (see canRun) get no row, rather than an empty one.
    rows: clients
      .filter((client) =>
        outcomes.some(
          (outcome) =>
            outcome.run.workload.id === workload.id && outcome.run.client.id === client.id,
        ),
      )
      .map((client) => {
        const mine = outcomes.filter(
          (outcome) =>
            outcome.run.workload.id === workload.id && outcome.run.client.id === client.id,
        );
        const successes = mine.flatMap((outcome) => (outcome.metrics ? [outcome.metrics] : []));
        const metrics: MetricValues = {};
        for (const id of workload.metrics) {
          const values = successes.flatMap((sample) => numberOrNothing(sample, id));
          if (values.length > 0) metrics[id] = median(values);
        }
        const primaryValues = successes.flatMap((sample) =>
          numberOrNothing(sample, workload.primaryMetric),
        );
        return {
          client,
          metrics,
          samples: successes.length,
          primaryRange:
            primaryValues.length > 0
              ? { min: Math.min(...primaryValues), max: Math.max(...primaryValues) }
              : undefined,
          errors: mine.flatMap((outcome) => (outcome.error ? [outcome.error] : [])),
        };
      }),
  }));
}

function numberOrNothing(sample: MetricValues, id: MetricId): number[] {
  const value = sample[id];
  return value !== undefined && Number.isFinite(value) ? [value] : [];
}

/** The best value of `metric` among peers (neither Petrel nor the floor), if any peer measured it. */
export function bestPeerValue(
  summary: WorkloadSummary,
  metric: MetricId,
  higherIsBetter: boolean,
): number | undefined {
  const values = summary.rows
    .filter((row) => row.client.role === "peer")
    .flatMap((row) => numberOrNothing(row.metrics, metric));
  if (values.length === 0) return undefined;
  return higherIsBetter ? Math.max(...values) : Math.min(...values);
}

export function rowFor(summary: WorkloadSummary, clientId: string): ClientRow | undefined {
  return summary.rows.find((row) => row.client.id === clientId);
}
