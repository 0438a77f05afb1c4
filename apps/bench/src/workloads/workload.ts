// What a workload is: a named measurement that runs inside one fresh worker
// process against one client, and returns a few metrics.
import type { BenchClient, ConnectOptions, ServerAddress } from "../clients/bench-client.js";
import type { ClientId } from "../clients/registry.js";
import type { MetricId, MetricValues } from "./metrics.js";

/** Durations every timed workload honours (configurable from the command line). */
export interface RunSettings {
  warmupMs: number;
  durationMs: number;
}

export interface WorkloadContext {
  settings: RunSettings;
  /** Imports the client library and connects; the first call is what cold start times. */
  connect(options?: ConnectOptions): Promise<BenchClient>;
  /** Every server node of the topology (all 6 for the cluster), for their CPU per op. */
  servers?: readonly ServerAddress[];
}

/** The server topology a workload needs; the app starts each kind once. */
export type ServerKind = "standalone" | "cluster";

export interface Workload {
  id: string;
  title: string;
  /** One sentence for the report: what is sent, how, and what is measured. */
  description: string;
  server: ServerKind;
  /** The metric ratios to the best peer are computed on. */
  primaryMetric: MetricId;
  /** Columns in the report, in order. */
  metrics: readonly MetricId[];
  /** Fresh worker processes per client per round; more for cheap, noisy measurements. */
  samplesPerRound: number;
  /** Only these clients run it (default: every client that can reach the server kind). */
  clients?: readonly ClientId[];
  /**
   * Workloads with the same group run sample by sample in alternating order (A B, B A, …)
   * instead of one after the other, so a comparison between them is made of adjacent,
   * paired runs that share the machine's state (see report/paired.ts).
   */
  interleaveGroup?: string;
  run(context: WorkloadContext): Promise<MetricValues>;
}
