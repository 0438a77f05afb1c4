// The cluster's shared state: which nodes exist, how they form shards, which
// shard owns each slot, and each node's MIGRATING/IMPORTING marks. Every node
// of a fake cluster reads this one object, so its views agree unless a test
// overrides what a node reports (`reportedOwners`).

import { SLOT_COUNT } from "./slot.js";

export type NodeRole = "primary" | "replica";

export interface ClusterNodeRecord {
  readonly id: string;
  readonly host: string;
  port: number;
  shard: number;
  role: NodeRole;
  /** False while the node is killed: it is left out of replica lists and reported as failed. */
  alive: boolean;
  configEpoch: number;
  hostname?: string;
  availabilityZone?: string;
  /** Bytes of replication stream applied; replicas copy their primary's value. */
  replicationOffset: number;
  /**
   * Overrides the endpoint clients are told to use (SLOTS, SHARDS, MOVED, ASK):
   * a hostname, "" (the node does not know its address) or null (unknown).
   */
  announcedEndpoint?: string | null;
}

/** What nodes report as endpoints: their IP (default) or their hostname (`cluster-preferred-endpoint-type`). */
export type PreferredEndpoint = "ip" | "hostname";

export interface ShardRecord {
  readonly id: string;
  primary: string;
  replicas: string[];
}

export interface SlotRange {
  readonly start: number;
  readonly end: number;
}

/** `slot → shard index` tables are Int32Arrays with -1 for "unassigned". */
export type SlotOwners = Int32Array;

export class ClusterTopology {
  readonly nodes = new Map<string, ClusterNodeRecord>();
  readonly shards: ShardRecord[] = [];
  /** Slot → index into `shards`, -1 when unassigned. */
  readonly owners: SlotOwners = new Int32Array(SLOT_COUNT).fill(-1);
  /** Per node: slot → node id it migrates to. */
  readonly migrating = new Map<string, Map<number, string>>();
  /** Per node: slot → node id it imports from. */
  readonly importing = new Map<string, Map<number, string>>();
  /** Per node: the slot table it reports in CLUSTER SLOTS/SHARDS/NODES, when a test overrides it. */
  readonly reportedOwners = new Map<string, SlotOwners>();
  currentEpoch = 0;
  /** Forces `cluster_state:fail` regardless of coverage. */
  forcedDown = false;
  preferredEndpoint: PreferredEndpoint = "ip";

  addNode(record: ClusterNodeRecord): void {
    this.nodes.set(record.id, record);
    this.migrating.set(record.id, new Map());
    this.importing.set(record.id, new Map());
  }

  node(id: string): ClusterNodeRecord {
    const record = this.nodes.get(id);
    if (record === undefined) throw new Error(`unknown cluster node ${id}`);
    return record;
  }

  shard(index: number): ShardRecord {
    const record = this.shards[index];
    if (record === undefined)
      throw new RangeError(`no shard ${index} (the cluster has ${this.shards.length})`);
    return record;
  }

  /** The endpoint a node is announced with; "?" when hostnames are preferred but the node has none. */
  endpointOf(node: ClusterNodeRecord): string | null {
    if (node.announcedEndpoint !== undefined) return node.announcedEndpoint;
    if (this.preferredEndpoint === "hostname") return node.hostname ?? "?";
    return node.host;
  }

  /** `endpoint:port` as MOVED and ASK carry it (an unknown endpoint leaves it empty). */
  redirectAddress(node: ClusterNodeRecord): string {
    return `${this.endpointOf(node) ?? ""}:${node.port}`;
  }

  /** The primary node that owns `slot`, or undefined when the slot is unassigned. */
  ownerOf(slot: number): ClusterNodeRecord | undefined {
    const shard = this.owners[slot] ?? -1;
    if (shard < 0) return undefined;
    return this.nodes.get(this.shard(shard).primary);
  }

  /** The primary of the node's shard (itself for a primary). */
  primaryOf(nodeId: string): ClusterNodeRecord {
    return this.node(this.shard(this.node(nodeId).shard).primary);
  }

  assign(start: number, end: number, shard: number): void {
    this.shard(shard);
    for (let slot = start; slot <= end; slot++) this.owners[slot] = shard;
  }

  /** Contiguous ranges of slots owned by `shard` in `owners`. */
  rangesOf(shard: number, owners: SlotOwners = this.owners): SlotRange[] {
    const ranges: SlotRange[] = [];
    let start = -1;
    for (let slot = 0; slot <= SLOT_COUNT; slot++) {
      const mine = slot < SLOT_COUNT && owners[slot] === shard;
      if (mine && start < 0) start = slot;
      if (!mine && start >= 0) {
        ranges.push({ start, end: slot - 1 });
        start = -1;
      }
    }
    return ranges;
  }

  /** What `nodeId` reports as slot ownership. */
  ownersSeenBy(nodeId: string): SlotOwners {
    return this.reportedOwners.get(nodeId) ?? this.owners;
  }

  assignedSlotCount(owners: SlotOwners = this.owners): number {
    let count = 0;
    for (const shard of owners) if (shard >= 0) count++;
    return count;
  }

  /** OK when every slot is assigned and nothing forces the cluster down. */
  get stateOk(): boolean {
    return !this.forcedDown && this.assignedSlotCount() === SLOT_COUNT;
  }

  migratingTo(nodeId: string, slot: number): string | undefined {
    return this.migrating.get(nodeId)?.get(slot);
  }

  importingFrom(nodeId: string, slot: number): string | undefined {
    return this.importing.get(nodeId)?.get(slot);
  }

  /** Node ids of the shard's replicas that are alive, sorted by id (the server's order). */
  liveReplicas(shard: number): ClusterNodeRecord[] {
    return this.shard(shard)
      .replicas.map((id) => this.node(id))
      .filter((record) => record.alive)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Makes `nodeId` (a replica) the primary of its shard, with a new epoch. */
  promote(nodeId: string): void {
    const record = this.node(nodeId);
    const shard = this.shard(record.shard);
    if (shard.primary === nodeId) return;
    const oldPrimary = this.node(shard.primary);
    shard.replicas = shard.replicas.filter((id) => id !== nodeId);
    shard.replicas.push(oldPrimary.id);
    shard.primary = nodeId;
    oldPrimary.role = "replica";
    record.role = "primary";
    this.currentEpoch++;
    record.configEpoch = this.currentEpoch;
  }
}
