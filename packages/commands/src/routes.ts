// GLIDE's cluster routes. A route is the caller's override of where a command goes.

/** Send to one random node (a write goes to a random primary). */
export type SingleNodeRandom = "randomNode";
/** Send to every primary. */
export type AllPrimaries = "allPrimaries";
/** Send to every node, replicas included. */
export type AllNodes = "allNodes";

/** The node that owns the slot of `key`, its primary or a replica. */
export interface SlotKeyTypes {
  type: "primarySlotKey" | "replicaSlotKey";
  key: string;
}

/** The node that owns slot `id`, its primary or a replica. */
export interface SlotIdTypes {
  type: "primarySlotId" | "replicaSlotId";
  id: number;
}

/** A node by address; without `port`, `host` is "host:port". */
export interface RouteByAddress {
  type: "routeByAddress";
  host: string;
  port?: number;
}

export type SingleNodeRoute = SingleNodeRandom | SlotKeyTypes | SlotIdTypes | RouteByAddress;
export type Routes = SingleNodeRoute | AllPrimaries | AllNodes;
