// Moving one slot between shards the way an operator does it with
// CLUSTER SETSLOT and MIGRATE: mark IMPORTING on the target, MIGRATING on the
// source, move keys a few at a time, then assign the slot to the target on
// every node. Each call to step() performs one of those actions, so a test can
// stop in any phase and observe ASK/TRYAGAIN/MOVED; run() finishes it.
// The atomic mode (Valkey 9) moves every key at once and then flips ownership,
// so clients only ever see MOVED.

import { keySlot } from "../cluster/slot.js";
import type { ClusterTopology } from "../cluster/topology.js";
import { cloneEntry } from "../data/clone.js";
import type { FakeNode } from "../server/node.js";

export type MigrationPhase = "pending" | "importing" | "migrating" | "moving" | "done";

export interface MigrationOptions {
  /** Keys moved per step in the moving phase (default 10). */
  readonly keysPerStep?: number;
  /** Valkey 9 atomic slot migration: no ASK/TRYAGAIN phase. */
  readonly atomic?: boolean;
}

export interface MigrationHost {
  readonly topology: ClusterTopology;
  primaryNode(shard: number): FakeNode;
  /** Called once the slot has changed owner, to unblock and unsubscribe clients left on the wrong node. */
  slotMoved(slot: number, fromShard: number): void;
}

export class SlotMigration {
  readonly fromShard: number;
  private current: MigrationPhase = "pending";
  private readonly keysPerStep: number;
  private readonly atomic: boolean;

  constructor(
    private readonly host: MigrationHost,
    readonly slot: number,
    readonly toShard: number,
    options: MigrationOptions = {},
  ) {
    const from = host.topology.owners[slot] ?? -1;
    if (from < 0) throw new Error(`slot ${slot} has no owner to migrate from`);
    host.topology.shard(toShard);
    if (from === toShard) throw new Error(`slot ${slot} already belongs to shard ${toShard}`);
    this.fromShard = from;
    this.keysPerStep = Math.max(1, options.keysPerStep ?? 10);
    this.atomic = options.atomic ?? false;
  }

  get phase(): MigrationPhase {
    return this.current;
  }

  /** Keys of the slot still on the source. */
  get keysRemaining(): number {
    return this.slotKeys(this.source()).length;
  }

  /** Performs the next action and returns the phase reached. */
  step(): MigrationPhase {
    const topology = this.host.topology;
    const source = this.source();
    const target = this.target();
    switch (this.current) {
      case "pending":
        if (this.atomic) {
          this.moveKeys(Number.POSITIVE_INFINITY);
          this.finish();
          return this.current;
        }
        topology.importing.get(target.id)?.set(this.slot, source.id);
        this.current = "importing";
        return this.current;
      case "importing":
        topology.migrating.get(source.id)?.set(this.slot, target.id);
        this.current = "migrating";
        return this.current;
      case "migrating":
      case "moving":
        if (this.keysRemaining > 0) {
          this.moveKeys(this.keysPerStep);
          this.current = "moving";
          return this.current;
        }
        this.finish();
        return this.current;
      case "done":
        return this.current;
    }
  }

  /** Runs every remaining step. */
  run(): void {
    while (this.current !== "done") this.step();
  }

  /** Runs the remaining steps, yielding to the event loop between them so live traffic interleaves. */
  async runInterleaved(): Promise<void> {
    while (this.current !== "done") {
      this.step();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private source(): FakeNode {
    return this.host.primaryNode(this.fromShard);
  }

  private target(): FakeNode {
    return this.host.primaryNode(this.toShard);
  }

  private slotKeys(node: FakeNode): Buffer[] {
    return node
      .database(0)
      .keys()
      .filter((key) => keySlot(key) === this.slot);
  }

  private moveKeys(limit: number): void {
    const source = this.source();
    const target = this.target();
    const from = source.database(0);
    const to = target.database(0);
    for (const key of this.slotKeys(source).slice(0, limit)) {
      const entry = from.get(key);
      if (entry === undefined) continue;
      to.put(key, cloneEntry(entry));
      from.delete(key);
    }
    source.propagate();
    target.propagate();
  }

  private finish(): void {
    const topology = this.host.topology;
    const target = this.target();
    topology.owners[this.slot] = this.toShard;
    for (const table of [topology.migrating, topology.importing]) {
      for (const marks of table.values()) marks.delete(this.slot);
    }
    topology.currentEpoch++;
    topology.node(target.id).configEpoch = topology.currentEpoch;
    this.current = "done";
    this.host.slotMoved(this.slot, this.fromShard);
  }
}
