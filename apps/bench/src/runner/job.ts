// One unit of work for a worker process, and how it is carried out. Kept apart
// from the process plumbing so tests can run a job in-process.
import type { ServerAddress } from "../clients/bench-client.js";
import { type ClientId, findClient } from "../clients/registry.js";
import type { MetricValues } from "../workloads/metrics.js";
import { findWorkload } from "../workloads/registry.js";
import type { RunSettings } from "../workloads/workload.js";

export interface WorkerJob {
  clientId: ClientId;
  workloadId: string;
  address: ServerAddress;
  settings: RunSettings;
  /** Every node of the server topology, whose CPU the request workloads measure. */
  serverNodes?: readonly ServerAddress[];
}

export type WorkerReply =
  | { kind: "result"; metrics: MetricValues }
  | { kind: "error"; message: string };

export async function runJob(job: WorkerJob): Promise<MetricValues> {
  const client = findClient(job.clientId);
  const workload = findWorkload(job.workloadId);
  return workload.run({
    settings: job.settings,
    ...(job.serverNodes === undefined ? {} : { servers: job.serverNodes }),
    connect: async (options) => {
      const load = workload.server === "cluster" ? client.loadCluster : client.load;
      if (!load) throw new Error(`${client.label} has no ${workload.server} client here`);
      const connect = await load();
      return connect(job.address, options);
    },
  });
}
