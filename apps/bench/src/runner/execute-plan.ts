// Runs the planned worker processes one after another. A failing run is
// recorded, not fatal: the report shows which client failed and why.
import type { ServerAddress } from "../clients/bench-client.js";
import type { MetricValues } from "../workloads/metrics.js";
import type { RunSettings, ServerKind } from "../workloads/workload.js";
import type { ForkOptions } from "./fork-worker.js";
import type { WorkerJob } from "./job.js";
import type { PlannedRun } from "./plan.js";

export interface RunOutcome {
  run: PlannedRun;
  metrics?: MetricValues;
  error?: string;
}

export interface ExecutePlanOptions {
  settings: RunSettings;
  /** The server kinds the planned workloads use; a run whose kind is missing fails. */
  servers: Readonly<Partial<Record<ServerKind, ServerAddress>>>;
  /** Every node of each server kind, passed to the worker for the servers' CPU per op. */
  serverNodes?: Readonly<Partial<Record<ServerKind, readonly ServerAddress[]>>>;
  /** Runs a job in a worker; injected so tests can run jobs in-process. */
  runJob: (job: WorkerJob, options: ForkOptions) => Promise<MetricValues>;
  onProgress?: (done: number, total: number, outcome: RunOutcome) => void;
}

/** Upper bound for one worker: its timed phases plus connection, preload and shutdown. */
export function workerTimeoutMs(settings: RunSettings): number {
  return settings.warmupMs + settings.durationMs + 60_000;
}

export async function executePlan(
  runs: readonly PlannedRun[],
  options: ExecutePlanOptions,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const run of runs) {
    let outcome: RunOutcome;
    try {
      const address = options.servers[run.workload.server];
      if (!address) throw new Error(`No ${run.workload.server} server was started`);
      const job: WorkerJob = {
        clientId: run.client.id,
        workloadId: run.workload.id,
        address,
        settings: options.settings,
      };
      const nodes = options.serverNodes?.[run.workload.server];
      if (nodes !== undefined) job.serverNodes = nodes;
      const metrics = await options.runJob(job, { timeoutMs: workerTimeoutMs(options.settings) });
      outcome = { run, metrics };
    } catch (error) {
      outcome = { run, error: error instanceof Error ? error.message : String(error) };
    }
    outcomes.push(outcome);
    options.onProgress?.(outcomes.length, runs.length, outcome);
  }
  return outcomes;
}
