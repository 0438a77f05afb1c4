// Ratios taken round by round. A round runs every client of a workload once
// (plan.ts), close together in time, so Petrel's value in round i over its
// baseline's value in the same round i says whether a target held in that
// round; the medians of the tables cannot, because Petrel's best round may
// meet a peer's worst one. A target "in every round" is judged on the lowest
// (or, for an upper bound, the highest) of these ratios.
import type { ClientId } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { type MetricId, metricCatalog } from "../workloads/metrics.js";
import { median } from "./aggregate.js";
import { formatRatio } from "./format.js";

/** What Petrel is divided by in each round: the best peer of that round, or one client. */
export type RoundBaseline = "best-peer" | ClientId;

export interface RoundRatio {
  /** 0-based, as planned. */
  round: number;
  ratio: number;
}

/**
 * Petrel's value of `metric` in each round of `workloadId` over the baseline's value in
 * the same round (the median of the round's samples, for workloads that take several).
 * Rounds where either side has no value are left out; the result is in round order.
 */
export function perRoundRatios(
  outcomes: readonly RunOutcome[],
  workloadId: string,
  metric: MetricId,
  baseline: RoundBaseline,
): RoundRatio[] {
  // round → client → values of that round's samples
  const byRound = new Map<number, Map<ClientId, number[]>>();
  const roles = new Map<ClientId, string>();
  for (const { run, metrics } of outcomes) {
    const value = metrics?.[metric];
    if (run.workload.id !== workloadId || value === undefined || !Number.isFinite(value)) continue;
    roles.set(run.client.id, run.client.role);
    let clients = byRound.get(run.round);
    if (clients === undefined) {
      clients = new Map();
      byRound.set(run.round, clients);
    }
    const values = clients.get(run.client.id);
    if (values === undefined) clients.set(run.client.id, [value]);
    else values.push(value);
  }
  const higherIsBetter = metricCatalog[metric].higherIsBetter;
  const ratios: RoundRatio[] = [];
  for (const round of [...byRound.keys()].sort((left, right) => left - right)) {
    const clients = byRound.get(round) as Map<ClientId, number[]>;
    let petrel: number | undefined;
    const peers: number[] = [];
    for (const [id, values] of clients) {
      const value = median(values);
      if (roles.get(id) === "petrel") petrel = value;
      else if (baseline === "best-peer" ? roles.get(id) === "peer" : id === baseline)
        peers.push(value);
    }
    if (petrel === undefined || peers.length === 0) continue;
    const reference = higherIsBetter ? Math.max(...peers) : Math.min(...peers);
    if (reference > 0) ratios.push({ round, ratio: petrel / reference });
  }
  return ratios;
}

/** The ratio of the round furthest from the target: lowest for "at least", highest for "at most". */
export function worstRound(
  ratios: readonly RoundRatio[],
  bound: "at-least" | "at-most",
): RoundRatio | undefined {
  let worst: RoundRatio | undefined;
  for (const entry of ratios) {
    if (
      worst === undefined ||
      (bound === "at-least" ? entry.ratio < worst.ratio : entry.ratio > worst.ratio)
    )
      worst = entry;
  }
  return worst;
}

/** "rounds: 3.40×, 3.10×, 3.60×" for a target's Detail cell; empty without rounds. */
export function describeRounds(ratios: readonly RoundRatio[]): string {
  if (ratios.length === 0) return "";
  return `rounds: ${ratios.map((entry) => formatRatio(entry.ratio)).join(", ")}`;
}
