// Progress on stderr while the run goes on: which run finished, its headline
// number, and a rough time left from the average so far.

import { formatNumber } from "../report/format.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { metricCatalog } from "../workloads/metrics.js";

function clock(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export function createProgressReporter(
  rounds: number,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): (done: number, total: number, outcome: RunOutcome) => void {
  const started = performance.now();
  return (done, total, outcome) => {
    const elapsed = performance.now() - started;
    const left = (elapsed / done) * (total - done);
    const { run } = outcome;
    const primary = metricCatalog[run.workload.primaryMetric];
    const result = outcome.metrics
      ? `${formatNumber(outcome.metrics[primary.id], primary.digits)} ${primary.heading}`
      : `FAILED: ${outcome.error ?? "unknown error"}`;
    const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
    write(
      `${counter} ${clock(elapsed)} elapsed, ~${clock(left)} left | round ${run.round + 1}/${rounds} | ${run.workload.title} | ${run.client.label}: ${result}`,
    );
  };
}
