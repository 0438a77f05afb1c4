// Properties of the live slot map: after any sequence of MOVED patches (to
// primaries, to replicas being promoted, to nodes never seen), the view routes
// every slot as the facts say, with consistent ranges and no empty shard.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLOT_COUNT } from "../slots/slot-of.js";
import { layout, rangesByOwner, topologyOf } from "../test-support/arbitraries.js";
import { type Topology, UNASSIGNED_SLOT } from "../topology/topology.js";
import { SlotMap, sameView } from "./slot-map.js";

const RUNS = { numRuns: 1000 };

/** The facts the slot map should hold: every shard's primary and replicas, and each slot's shard. */
interface Model {
  owner: number[];
  primaries: number[];
  replicas: number[][];
}

/** What the cluster spec says a MOVED means: the slot's owner is now that node. */
function applyToModel(model: Model, slot: number, port: number): void {
  const current = model.owner[slot] as number;
  if (current !== -1 && model.primaries[current] === port) return;
  let target = model.primaries.indexOf(port);
  if (target === -1) {
    // A replica named by MOVED was promoted: it leaves its shard and leads a new one.
    for (const replicas of model.replicas) {
      const index = replicas.indexOf(port);
      if (index !== -1) replicas.splice(index, 1);
    }
    target = model.primaries.push(port) - 1;
    model.replicas.push([]);
  }
  model.owner[slot] = target;
}

/** Every slot of `view` is routed as `model` says: same primary, same replicas. */
function expectRoutesLike(view: Topology, model: Model): void {
  // Which model shard each view shard stands for, learnt from the slots it serves.
  const standsFor = new Map<number, number>();
  let covered = 0;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const shard = view.slotToShard[slot] as number;
    const expected = model.owner[slot] as number;
    if (expected === -1) {
      if (shard !== UNASSIGNED_SLOT) expect.fail(`slot ${slot} should have no owner`);
      continue;
    }
    covered++;
    if (view.shards[shard]?.primary.port !== model.primaries[expected])
      expect.fail(`slot ${slot} should go to port ${model.primaries[expected]}`);
    standsFor.set(shard, expected);
  }
  expect(view.coveredSlots).toBe(covered);
  expect(standsFor.size).toBe(view.shards.length);
  const sorted = (ports: readonly number[]) => [...ports].sort((a, b) => a - b);
  for (const [shard, expected] of standsFor) {
    const replicas = view.shards[shard]?.replicas.map((node) => node.port) ?? [];
    expect(sorted(replicas)).toEqual(sorted(model.replicas[expected] ?? []));
  }
}

const patch = fc.record({
  slot: fc.integer({ min: 0, max: SLOT_COUNT - 1 }),
  kind: fc.constantFrom("primary", "replica", "new"),
  pick: fc.nat(20),
});

describe("SlotMap (properties)", () => {
  it("after any MOVED patches, routes every slot to the node the last MOVED named", () => {
    fc.assert(
      fc.property(
        layout({ holes: true }),
        fc.array(patch, { maxLength: 12 }),
        fc.nat(12),
        (start, patches, readAt) => {
          // The facts the server reported: shards without slots are not part of the view.
          const initial = topologyOf(start);
          const model: Model = {
            owner: Array.from(initial.slotToShard, (shard) =>
              shard === UNASSIGNED_SLOT ? -1 : shard,
            ),
            primaries: initial.shards.map((shard) => shard.primary.port),
            replicas: initial.shards.map((shard) => shard.replicas.map((node) => node.port)),
          };
          const map = new SlotMap(initial);
          patches.forEach(({ slot, kind, pick }, index) => {
            const replicas = model.replicas.flat();
            const port =
              kind === "primary" || (kind === "replica" && replicas.length === 0)
                ? (model.primaries[pick % model.primaries.length] as number)
                : kind === "replica"
                  ? (replicas[pick % replicas.length] as number)
                  : 9000 + pick;
            const node = map.applyMoved(slot, "127.0.0.1", port);
            applyToModel(model, slot, port);
            expect(node.address).toBe(`127.0.0.1:${port}`);
            expect(node.role).toBe("primary");
            // One read midway: patches after a rebuild apply on top of it.
            if (index === readAt) expectRoutesLike(map.current, model);
          });
          const view = map.current;
          expectRoutesLike(view, model);
          // Each shard's ranges are exactly the slots the table gives it, and no shard is empty.
          const ranges = rangesByOwner(view.slotToShard);
          view.shards.forEach((shard, index) => {
            expect(shard.slotRanges.length).toBeGreaterThan(0);
            expect(shard.slotRanges).toEqual(ranges.get(index));
          });
        },
      ),
      RUNS,
    );
  }, 120_000);

  it("replace reports a change exactly when the routing differs, and drops the patches", () => {
    fc.assert(
      fc.property(layout(), layout(), fc.integer({ min: 0, max: SLOT_COUNT - 1 }), (a, b, slot) => {
        const before = topologyOf(a);
        const next = topologyOf(b);
        const map = new SlotMap(before);
        expect(map.replace(next)).toBe(!sameView(before, next));
        map.applyMoved(slot, "127.0.0.1", 9999);
        expect(map.replace(next)).toBe(true);
        expect(map.current.fingerprint).toBe(next.fingerprint);
        expect(map.replace(next)).toBe(false);
      }),
      RUNS,
    );
  }, 120_000);
});
