// The order of worker runs: every round visits each workload, and within it
// every client, in forward order on even rounds and reversed on odd ones, so
// no library always runs first (cold caches) or last (warm server).
import type { ClientEntry } from "../clients/registry.js";
import type { Workload } from "../workloads/workload.js";

export interface PlannedRun {
  /** 0-based. */
  round: number;
  workload: Workload;
  client: ClientEntry;
  /** 0-based sample within the round (cold start takes several). */
  sample: number;
}

export function planRuns(
  workloads: readonly Workload[],
  clients: readonly ClientEntry[],
  rounds: number,
): PlannedRun[] {
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  }
  const runs: PlannedRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? clients : [...clients].reverse();
    for (const workload of workloads) {
      const able = order.filter((client) => canRun(workload, client));
      for (let sample = 0; sample < workload.samplesPerRound; sample++) {
        for (const client of able) runs.push({ round, workload, client, sample });
      }
    }
  }
  return runs;
}

/** A client runs a workload if the workload admits it and it has a client for the server kind. */
export function canRun(workload: Workload, client: ClientEntry): boolean {
  if (workload.clients && !workload.clients.includes(client.id)) return false;
  return workload.server !== "cluster" || client.loadCluster !== undefined;
}
