// The client's live slot map: a Topology from the last refresh, patched slot
// by slot as MOVED replies arrive, replaced on the next refresh.
//
// Patches write into a private copy of the slot table; the routable view
// (`current`) is rebuilt lazily on the next read, so a burst of MOVED
// replies costs one rebuild per read, not per patch. The view is an ordinary
// immutable Topology: plans made from it stay valid after later patches.
import { RequestError } from "@petrel/protocol";
import { SLOT_COUNT } from "../slots/slot-of.js";
import {
  type ClusterNode,
  freezeTopology,
  makeNode,
  nodeAddress,
  type Shard,
  type SlotRange,
  type Topology,
  type TopologyView,
  UNASSIGNED_SLOT,
} from "../topology/topology.js";

/** True when two views route every slot to the same nodes (see `fingerprintOf`). */
export function sameView(a: TopologyView, b: TopologyView): boolean {
  return a.fingerprint === b.fingerprint;
}

export class SlotMap implements TopologyView {
  #current: Topology;
  #slotToShard: Uint16Array;
  #shards: Shard[];
  #dirty = false;

  constructor(topology: Topology) {
    this.#current = topology;
    this.#slotToShard = topology.slotToShard.slice();
    this.#shards = topology.shards.slice();
  }

  /** The routable view, with every patch applied. */
  get current(): Topology {
    if (this.#dirty) {
      this.#current = rebuild(this.#shards, this.#slotToShard);
      this.#dirty = false;
    }
    return this.#current;
  }

  get shards(): readonly Shard[] {
    return this.current.shards;
  }

  get nodes(): readonly ClusterNode[] {
    return this.current.nodes;
  }

  get slotToShard(): Uint16Array {
    return this.current.slotToShard;
  }

  get coveredSlots(): number {
    return this.current.coveredSlots;
  }

  get fingerprint(): string {
    return this.current.fingerprint;
  }

  /** Adopts a refreshed view, dropping all patches. Returns false when it routes exactly like the current view. */
  replace(topology: Topology): boolean {
    const changed = !sameView(this.current, topology);
    this.#current = topology;
    this.#slotToShard = topology.slotToShard.slice();
    this.#shards = topology.shards.slice();
    this.#dirty = false;
    return changed;
  }

  /**
   * Records `MOVED slot host:port`: the slot's primary is now that node. A
   * node not in the view gets an entry of its own (the client connects to it
   * lazily); a replica named by MOVED was promoted, so it leaves its old
   * shard and becomes the primary of a new one. Returns the node now serving
   * the slot.
   */
  applyMoved(slot: number, host: string, port: number): ClusterNode {
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOT_COUNT) {
      throw new RequestError(`Invalid slot ${String(slot)} in redirect`);
    }
    const address = nodeAddress(host, port);
    const owner = this.#shards[this.#slotToShard[slot] as number];
    if (owner !== undefined && owner.primary.address === address) return owner.primary;

    let target = this.#shards.findIndex((shard) => shard.primary.address === address);
    if (target === -1) {
      const promoted = this.#removeReplica(address);
      const primary = makeNode(
        promoted === undefined
          ? { host, port }
          : {
              host,
              port,
              id: promoted.id,
              az: promoted.az,
              hostname: promoted.hostname,
              ip: promoted.ip,
            },
        "primary",
      );
      target = this.#shards.push({ id: undefined, primary, replicas: [], slotRanges: [] }) - 1;
    }
    this.#slotToShard[slot] = target;
    this.#dirty = true;
    return (this.#shards[target] as Shard).primary;
  }

  #removeReplica(address: string): ClusterNode | undefined {
    for (let i = 0; i < this.#shards.length; i++) {
      const shard = this.#shards[i] as Shard;
      const replica = shard.replicas.find((node) => node.address === address);
      if (replica !== undefined) {
        this.#shards[i] = { ...shard, replicas: shard.replicas.filter((node) => node !== replica) };
        return replica;
      }
    }
    return undefined;
  }
}

/** A Topology from patched shards: shards left with no slot are dropped, ranges recomputed. */
function rebuild(shards: readonly Shard[], slotToShard: Uint16Array): Topology {
  const ranges: SlotRange[][] = shards.map(() => []);
  let runStart = 0;
  for (let slot = 1; slot <= SLOT_COUNT; slot++) {
    if (slot < SLOT_COUNT && slotToShard[slot] === slotToShard[runStart]) continue;
    const owner = slotToShard[runStart] as number;
    if (owner !== UNASSIGNED_SLOT) ranges[owner]?.push({ start: runStart, end: slot - 1 });
    runStart = slot;
  }
  const newIndex = new Uint16Array(shards.length).fill(UNASSIGNED_SLOT);
  const kept: { shard: Shard; first: number; old: number }[] = [];
  shards.forEach((shard, old) => {
    const shardRanges = ranges[old] as SlotRange[];
    const first = shardRanges[0];
    if (first !== undefined)
      kept.push({ shard: { ...shard, slotRanges: shardRanges }, first: first.start, old });
  });
  kept.sort((a, b) => a.first - b.first);
  kept.forEach(({ old }, index) => {
    newIndex[old] = index;
  });
  const table = new Uint16Array(SLOT_COUNT);
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const owner = slotToShard[slot] as number;
    table[slot] = owner === UNASSIGNED_SLOT ? UNASSIGNED_SLOT : (newIndex[owner] as number);
  }
  return freezeTopology(
    kept.map(({ shard }) => shard),
    table,
  );
}
