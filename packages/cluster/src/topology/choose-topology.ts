// Picks one view when nodes disagree (mid-failover, mid-reshard): the view
// most nodes report, compared by fingerprint. Ties go to the view covering
// more slots, then to the smaller fingerprint, so the choice never depends on
// the order replies arrived in and does not flap between equal candidates.
import type { TopologyView } from "./topology.js";

export interface TopologyChoice<T extends TopologyView> {
  readonly topology: T;
  /** How many of the views were identical to the chosen one. */
  readonly votes: number;
  /** True when the chosen view was reported by more than half of the views. */
  readonly majority: boolean;
}

/** Undefined when there is no view, or no view covers any slot. */
export function chooseTopology<T extends TopologyView>(
  views: readonly T[],
): TopologyChoice<T> | undefined {
  const groups = new Map<string, { topology: T; votes: number }>();
  for (const view of views) {
    if (view.coveredSlots === 0) continue;
    const group = groups.get(view.fingerprint);
    if (group === undefined) groups.set(view.fingerprint, { topology: view, votes: 1 });
    else group.votes++;
  }
  let best: { topology: T; votes: number } | undefined;
  for (const group of groups.values()) {
    if (best === undefined || isBetter(group, best)) best = group;
  }
  if (best === undefined) return undefined;
  return { topology: best.topology, votes: best.votes, majority: best.votes * 2 > views.length };
}

function isBetter(
  a: { topology: TopologyView; votes: number },
  b: { topology: TopologyView; votes: number },
): boolean {
  if (a.votes !== b.votes) return a.votes > b.votes;
  if (a.topology.coveredSlots !== b.topology.coveredSlots)
    return a.topology.coveredSlots > b.topology.coveredSlots;
  return a.topology.fingerprint < b.topology.fingerprint;
}
