// Whether a node serves a request or redirects it: the server's getNodeByQuery
// decision order, as a pure function of the topology and the request.

import { keySlot } from "./slot.js";
import type { ClusterNodeRecord, ClusterTopology } from "./topology.js";

export interface RouteQuery {
  /** The node asked. */
  readonly self: string;
  /** Keys of every command involved (all queued commands for EXEC). */
  readonly keys: readonly Buffer[];
  /** True when the keys are sharded Pub/Sub channels (never looked up in the keyspace). */
  readonly shardChannels?: boolean;
  /** Whether a key currently exists on this node. */
  readonly keyExists: (key: Buffer) => boolean;
  readonly isWrite: boolean;
  /** The connection sent READONLY. */
  readonly readonlyConnection: boolean;
  /** The connection sent ASKING just before (or the transaction was opened after it). */
  readonly asking: boolean;
  /** `cluster-allow-reads-when-down yes`: reads are still served while the cluster is down. */
  readonly allowReadsWhenDown?: boolean;
}

export type RouteDecision =
  | { readonly kind: "serve"; readonly slot?: number }
  | { readonly kind: "redirect"; readonly error: string };

export const CROSSSLOT_ERROR = "CROSSSLOT Keys in request don't hash to the same slot";
export const TRYAGAIN_ERROR = "TRYAGAIN Multiple keys request during rehashing of slot";
export const UNBOUND_ERROR = "CLUSTERDOWN Hash slot not served";
export const CLUSTER_DOWN_ERROR = "CLUSTERDOWN The cluster is down";
export const CLUSTER_DOWN_READS_ONLY_ERROR =
  "CLUSTERDOWN The cluster is down and only accepts read commands";

export function routeQuery(topology: ClusterTopology, query: RouteQuery): RouteDecision {
  if (query.keys.length === 0) return { kind: "serve" };
  const self = topology.node(query.self);
  let slot = -1;
  let owner: ClusterNodeRecord | undefined;
  let migrating = false;
  let importing = false;
  let multipleKeys = false;
  let missing = 0;
  let existing = 0;
  const first = query.keys[0] as Buffer;
  for (const key of query.keys) {
    const keyHashSlot = keySlot(key);
    if (slot < 0) {
      slot = keyHashSlot;
      owner = topology.ownerOf(slot);
      if (owner === undefined) return { kind: "redirect", error: UNBOUND_ERROR };
      if (owner.id === self.id && topology.migratingTo(self.id, slot) !== undefined)
        migrating = true;
      else if (topology.importingFrom(self.id, slot) !== undefined) importing = true;
    } else {
      if (keyHashSlot !== slot) return { kind: "redirect", error: CROSSSLOT_ERROR };
      if (!multipleKeys && !key.equals(first)) multipleKeys = true;
    }
    if ((migrating || importing) && !query.shardChannels) {
      if (query.keyExists(key)) existing++;
      else missing++;
    }
  }
  if (!topology.stateOk) {
    if (query.allowReadsWhenDown !== true) return { kind: "redirect", error: CLUSTER_DOWN_ERROR };
    if (query.isWrite) return { kind: "redirect", error: CLUSTER_DOWN_READS_ONLY_ERROR };
  }
  const target = owner as ClusterNodeRecord;
  if (migrating && missing > 0) {
    if (existing > 0) return { kind: "redirect", error: TRYAGAIN_ERROR };
    const to = topology.node(topology.migratingTo(self.id, slot) as string);
    return { kind: "redirect", error: `ASK ${slot} ${topology.redirectAddress(to)}` };
  }
  if (importing && query.asking) {
    if (multipleKeys && missing > 0) return { kind: "redirect", error: TRYAGAIN_ERROR };
    return { kind: "serve", slot };
  }
  if (
    (query.readonlyConnection || query.shardChannels) &&
    !query.isWrite &&
    self.role === "replica" &&
    topology.primaryOf(self.id).id === target.id
  ) {
    return { kind: "serve", slot };
  }
  if (target.id !== self.id)
    return { kind: "redirect", error: `MOVED ${slot} ${topology.redirectAddress(target)}` };
  return { kind: "serve", slot };
}
