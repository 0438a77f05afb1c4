// The cluster view the router works from: nodes, shards and a slot → shard
// table. A Topology is immutable once built; SlotMap keeps a patchable copy.
import { SLOT_COUNT } from "../slots/slot-of.js";

export type NodeRole = "primary" | "replica";

/** `loading` and `fail` nodes (CLUSTER SHARDS) are never chosen for reads. */
export type NodeHealth = "online" | "loading" | "fail";

export interface ClusterNode {
  /** "host:port", the key of GLIDE's per-node response records. */
  readonly address: string;
  readonly host: string;
  readonly port: number;
  readonly role: NodeRole;
  readonly id: string | undefined;
  readonly az: string | undefined;
  readonly health: NodeHealth;
  /** Metadata the server announced besides the endpoint. */
  readonly hostname: string | undefined;
  readonly ip: string | undefined;
  readonly replicationOffset: number | undefined;
}

/** Inclusive slot range. */
export interface SlotRange {
  readonly start: number;
  readonly end: number;
}

export interface Shard {
  readonly id: string | undefined;
  readonly primary: ClusterNode;
  readonly replicas: readonly ClusterNode[];
  /** Sorted, merged ranges this shard serves. */
  readonly slotRanges: readonly SlotRange[];
}

/** `slotToShard` value of a slot no shard serves. */
export const UNASSIGNED_SLOT = 0xffff;

/** What routing reads: a Topology, or a SlotMap's patched view of one. */
export interface SlotTable {
  readonly shards: readonly Shard[];
  /** Every routable node, primaries first in shard order, then replicas. */
  readonly nodes: readonly ClusterNode[];
  /** Slot → index into `shards`, or UNASSIGNED_SLOT. Treat as read-only. */
  readonly slotToShard: Uint16Array;
}

export interface TopologyView extends SlotTable {
  /** Number of slots some shard serves. */
  readonly coveredSlots: number;
  /** Canonical text of the view: equal fingerprints mean identical routing. */
  readonly fingerprint: string;
}

export type Topology = TopologyView;

/** A node as a parser reads it, before shards are merged. */
export interface NodeInput {
  readonly host: string;
  readonly port: number;
  readonly id?: string | undefined;
  readonly az?: string | undefined;
  readonly health?: NodeHealth | undefined;
  readonly hostname?: string | undefined;
  readonly ip?: string | undefined;
  readonly replicationOffset?: number | undefined;
}

export interface ShardInput {
  readonly id?: string | undefined;
  readonly primary: NodeInput;
  readonly replicas: readonly NodeInput[];
  readonly slotRanges: readonly SlotRange[];
}

export function nodeAddress(host: string, port: number): string {
  return `${host}:${port}`;
}

export function makeNode(input: NodeInput, role: NodeRole): ClusterNode {
  return {
    address: nodeAddress(input.host, input.port),
    host: input.host,
    port: input.port,
    role,
    id: input.id,
    az: input.az,
    health: input.health ?? "online",
    hostname: input.hostname,
    ip: input.ip,
    replicationOffset: input.replicationOffset,
  };
}

interface MergedShard {
  readonly id: string | undefined;
  readonly primary: NodeInput;
  readonly replicas: Map<string, NodeInput>;
  readonly ranges: SlotRange[];
}

/**
 * Builds a Topology. Inputs with the same primary (by address) are merged,
 * as CLUSTER SLOTS lists a primary once per range. Shards are ordered by
 * their first slot. When ranges overlap (a server mid-change), the shard
 * listed first keeps the slot.
 */
export function buildTopology(inputs: readonly ShardInput[]): Topology {
  const merged = new Map<string, MergedShard>();
  for (const input of inputs) {
    const key = nodeAddress(input.primary.host, input.primary.port);
    let entry = merged.get(key);
    if (entry === undefined) {
      entry = { id: input.id, primary: input.primary, replicas: new Map(), ranges: [] };
      merged.set(key, entry);
    }
    for (const replica of input.replicas) {
      const replicaKey = nodeAddress(replica.host, replica.port);
      if (replicaKey !== key && !entry.replicas.has(replicaKey))
        entry.replicas.set(replicaKey, replica);
    }
    entry.ranges.push(...input.slotRanges);
  }

  const slotToShard = new Uint16Array(SLOT_COUNT).fill(UNASSIGNED_SLOT);
  const claimed: { entry: MergedShard; slots: number[] }[] = [];
  for (const entry of merged.values()) {
    const slots: number[] = [];
    for (const range of entry.ranges) {
      for (
        let slot = Math.max(0, range.start);
        slot <= Math.min(range.end, SLOT_COUNT - 1);
        slot++
      ) {
        if (slotToShard[slot] === UNASSIGNED_SLOT) {
          slotToShard[slot] = 0;
          slots.push(slot);
        }
      }
    }
    if (slots.length > 0) claimed.push({ entry, slots: slots.sort((a, b) => a - b) });
  }
  claimed.sort((a, b) => (a.slots[0] as number) - (b.slots[0] as number));

  const shards: Shard[] = [];
  for (const [index, { entry, slots }] of claimed.entries()) {
    for (const slot of slots) slotToShard[slot] = index;
    shards.push({
      id: entry.id,
      primary: makeNode(entry.primary, "primary"),
      replicas: [...entry.replicas.values()].map((replica) => makeNode(replica, "replica")),
      slotRanges: rangesOf(slots),
    });
  }
  return freezeTopology(shards, slotToShard);
}

/** Makes a TopologyView from shards and a slot table the caller will not modify afterwards. */
export function freezeTopology(shards: readonly Shard[], slotToShard: Uint16Array): Topology {
  let covered = 0;
  for (let slot = 0; slot < SLOT_COUNT; slot++)
    if (slotToShard[slot] !== UNASSIGNED_SLOT) covered++;
  return {
    shards,
    nodes: nodesOf(shards),
    slotToShard,
    coveredSlots: covered,
    fingerprint: fingerprintOf(shards, slotToShard),
  };
}

export function nodesOf(shards: readonly Shard[]): ClusterNode[] {
  const nodes: ClusterNode[] = shards.map((shard) => shard.primary);
  for (const shard of shards) nodes.push(...shard.replicas);
  return nodes;
}

/** Sorted slot numbers → merged inclusive ranges. */
export function rangesOf(sortedSlots: readonly number[]): SlotRange[] {
  const ranges: SlotRange[] = [];
  let start = -1;
  let end = -2;
  for (const slot of sortedSlots) {
    if (slot === end + 1) {
      end = slot;
      continue;
    }
    if (start >= 0) ranges.push({ start, end });
    start = slot;
    end = slot;
  }
  if (start >= 0) ranges.push({ start, end });
  return ranges;
}

/**
 * The canonical text of a view: each run of slots with the owner's routing
 * facts (primary, then replicas sorted by address, with AZ and health). Two
 * views with the same fingerprint route every command the same way, whatever
 * order the server listed shards and replicas in.
 */
export function fingerprintOf(shards: readonly Shard[], slotToShard: Uint16Array): string {
  const describe = shards.map(describeShard);
  const parts: string[] = [];
  let runStart = 0;
  for (let slot = 1; slot <= SLOT_COUNT; slot++) {
    if (slot < SLOT_COUNT && slotToShard[slot] === slotToShard[runStart]) continue;
    const owner = slotToShard[runStart] as number;
    if (owner !== UNASSIGNED_SLOT) parts.push(`${runStart}-${slot - 1}=${describe[owner] ?? "?"}`);
    runStart = slot;
  }
  return parts.join(";");
}

function describeNode(node: ClusterNode): string {
  return `${node.address}/${node.az ?? ""}/${node.health}`;
}

function describeShard(shard: Shard): string {
  const replicas = shard.replicas.map(describeNode).sort();
  return `${describeNode(shard.primary)}[${replicas.join(",")}]`;
}
