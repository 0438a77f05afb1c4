// Properties of the cluster-wide SCAN state under random atomic migrations:
// the walk ends, marks every slot done exactly once (the done count only
// grows, and reaches every slot), and returns every key present for the whole
// scan at least once; without migrations, exactly once. (With migrations a key
// may come back twice: a node scanned again for a slot it gained returns its
// other keys again, as SCAN allows.)
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLOT_COUNT } from "../slots/slot-of.js";
import { makeNode, type Shard, type SlotTable } from "../topology/topology.js";
import { ClusterScanCursor } from "./cluster-scan-cursor.js";
import { ClusterScanState } from "./cluster-scan-state.js";

const RUNS = { numRuns: 1000 };

/** A cluster with one key per slot: SCAN's cursor is the next slot to visit. */
class Cluster {
  readonly owner: Uint16Array;
  readonly moved = new Set<number>();
  #table: SlotTable | undefined;

  constructor(
    readonly nodes: number,
    readonly window: number,
  ) {
    this.owner = new Uint16Array(SLOT_COUNT);
    for (let slot = 0; slot < SLOT_COUNT; slot++)
      this.owner[slot] = Math.floor((slot * nodes) / SLOT_COUNT);
  }

  /** Moves slots [start, start + length) to `target` at once (an atomic migration). */
  migrate(start: number, length: number, target: number): void {
    for (let slot = start; slot < Math.min(SLOT_COUNT, start + length); slot++) {
      if (this.owner[slot] !== target) this.moved.add(slot);
      this.owner[slot] = target;
    }
    this.#table = undefined;
  }

  /** The view a client would have now: every node leads a shard (empty ones included). */
  table(): SlotTable {
    if (this.#table !== undefined) return this.#table;
    const shards: Shard[] = Array.from({ length: this.nodes }, (_, index) => ({
      id: undefined,
      primary: makeNode({ host: "127.0.0.1", port: 7000 + index }, "primary"),
      replicas: [],
      slotRanges: [],
    }));
    this.#table = {
      shards,
      nodes: shards.map((shard) => shard.primary),
      slotToShard: this.owner.slice(),
    };
    return this.#table;
  }

  /** SCAN on the node at `port` from `cursor`: the keys (slots) it holds in the next window. */
  scan(port: number, cursor: string): { next: string; keys: number[] } {
    const node = port - 7000;
    const start = Number(cursor);
    const end = Math.min(SLOT_COUNT, start + this.window);
    const keys: number[] = [];
    for (let slot = start; slot < end; slot++) if (this.owner[slot] === node) keys.push(slot);
    return { next: end === SLOT_COUNT ? "0" : String(end), keys };
  }
}

const migration = fc.record({
  at: fc.nat(20),
  start: fc.integer({ min: 0, max: SLOT_COUNT - 1 }),
  length: fc.integer({ min: 1, max: 4000 }),
  target: fc.nat(5),
});

describe("ClusterScanState (properties)", () => {
  it("under random migrations, marks every slot done once and misses no key", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 3000, max: 9000 }),
        fc.array(migration, { maxLength: 4 }),
        (nodes, window, migrations) => {
          const cluster = new Cluster(nodes, window);
          const returned = new Uint16Array(SLOT_COUNT);
          let cursor = new ClusterScanCursor();
          let state = ClusterScanState.start();
          let done = 0;
          let step = 0;
          for (; step < 2000; step++) {
            // Every other step resumes from the cursor's text: the cursor carries the whole state.
            if (step % 2 === 1) state = ClusterScanState.fromCursor(cursor.getCursor());
            expect(state.doneSlots).toBe(done);
            const next = state.next(cluster.table());
            if (next.kind === "finished") break;
            if (next.kind === "error") throw next.error;
            const reply = cluster.scan(next.node.port, next.cursor);
            for (const slot of reply.keys) returned[slot] = (returned[slot] as number) + 1;
            for (const change of migrations) {
              if (change.at === step)
                cluster.migrate(change.start, change.length, change.target % nodes);
            }
            state.onReply(cluster.table(), reply.next);
            expect(state.doneSlots).toBeGreaterThanOrEqual(done);
            done = state.doneSlots;
            if (step % 2 === 0) cursor = state.toCursor();
          }
          expect(step).toBeLessThan(2000);
          expect(done).toBe(SLOT_COUNT);
          expect(state.toCursor().isFinished()).toBe(true);
          for (let slot = 0; slot < SLOT_COUNT; slot++) {
            const times = returned[slot] as number;
            if (times === 0) expect.fail(`the key of slot ${slot} was never returned`);
            if (cluster.moved.size === 0 && times !== 1)
              expect.fail(`without migrations, the key of slot ${slot} came back ${times} times`);
          }
        },
      ),
      RUNS,
    );
  }, 120_000);
});
