// The order of worker runs: every round visits each workload, and within it
// every client, in forward order on even rounds and reversed on odd ones, so
// no library always runs first (cold caches) or last (warm server). Workloads
// of one interleave group alternate run by run, to be compared in pairs.
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
    const planned = new Set<Workload>();
    for (const workload of workloads) {
      if (planned.has(workload)) continue;
      const group = interleaved(workloads, workload);
      for (const member of group) planned.add(member);
      const samples = Math.max(...group.map((member) => member.samplesPerRound));
      for (let sample = 0; sample < samples; sample++) {
        // A B, then B A: neither member of a pair always runs first.
        const members = (round + sample) % 2 === 0 ? group : [...group].reverse();
        for (const member of members) {
          if (sample >= member.samplesPerRound) continue;
          for (const client of order.filter((candidate) => canRun(member, candidate)))
            runs.push({ round, workload: member, client, sample });
        }
      }
    }
  }
  return runs;
}

/** `workload` and the selected workloads of its interleave group, in selection order. */
function interleaved(workloads: readonly Workload[], workload: Workload): Workload[] {
  const group = workload.interleaveGroup;
  if (group === undefined) return [workload];
  return workloads.filter((candidate) => candidate.interleaveGroup === group);
}

/** A client runs a workload if the workload admits it and it has a client for the server kind. */
export function canRun(workload: Workload, client: ClientEntry): boolean {
  if (workload.clients && !workload.clients.includes(client.id)) return false;
  return workload.server !== "cluster" || client.loadCluster !== undefined;
}
