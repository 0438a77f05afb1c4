// What one node says about its own slots, read from its CLUSTER NODES reply
// (the "myself" line): the slots it serves and those it is migrating away.
// Cluster SCAN asks the node it just finished scanning, because during the ASK
// phase of a migration every view still names the source as owner while keys
// leave it, so only the node itself can tell that a slot was not stable.
import { SLOT_COUNT } from "../slots/slot-of.js";

export interface NodeSlotReport {
  /** Slots the node serves (migrating ones included). */
  readonly owned: ReadonlySet<number>;
  /** Slots the node is migrating to another node (keys may be leaving). */
  readonly migrating: ReadonlySet<number>;
}

function slotNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const slot = Number(text);
  return slot < SLOT_COUNT ? slot : undefined;
}

/** Parses the "myself" line of a CLUSTER NODES reply; undefined when there is none. */
export function parseNodeSlotReport(clusterNodes: string): NodeSlotReport | undefined {
  for (const line of clusterNodes.split("\n")) {
    const fields = line.trim().split(" ");
    const flags = fields[2];
    if (flags === undefined || !flags.split(",").includes("myself")) continue;
    const owned = new Set<number>();
    const migrating = new Set<number>();
    for (const token of fields.slice(8)) {
      if (token.startsWith("[")) {
        // "[slot->-target]" is migrating away; "[slot-<-source]" is importing (not served yet).
        const arrow = token.indexOf("->-");
        const slot = arrow > 0 ? slotNumber(token.slice(1, arrow)) : undefined;
        if (slot !== undefined) migrating.add(slot);
        continue;
      }
      const [startText = "", endText = startText] = token.split("-");
      const start = slotNumber(startText);
      const end = slotNumber(endText);
      if (start === undefined || end === undefined) continue;
      for (let slot = start; slot <= end; slot++) owned.add(slot);
    }
    return { owned, migrating };
  }
  return undefined;
}
