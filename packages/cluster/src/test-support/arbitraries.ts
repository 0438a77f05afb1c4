// fast-check arbitraries for the property tests of this package: random
// cluster layouts (which shard owns each slot, replicas, holes) and keys that
// exercise the hash-tag rule.
import fc from "fast-check";
import { SLOT_COUNT } from "../slots/slot-of.js";
import {
  buildTopology,
  type ShardInput,
  type SlotRange,
  type Topology,
} from "../topology/topology.js";

/** A cluster as plain data: runs of slots and their shard (or -1: no owner), and replicas per shard. */
export interface Layout {
  readonly shards: number;
  readonly runs: readonly {
    readonly start: number;
    readonly end: number;
    readonly owner: number;
  }[];
  readonly replicas: readonly number[];
}

/** The port of shard `shard`'s primary, and of its replica `replica`. */
export const primaryPort = (shard: number): number => 7000 + shard;
export const replicaPort = (shard: number, replica: number): number => 8000 + shard * 10 + replica;

/**
 * A layout of 1 to `maxShards` shards: the slot space cut at random points, each run given to
 * a random shard (or, with `holes`, to nobody).
 */
export function layout(
  options: { maxShards?: number; holes?: boolean } = {},
): fc.Arbitrary<Layout> {
  const maxShards = options.maxShards ?? 6;
  return fc
    .integer({ min: 1, max: maxShards })
    .chain((shards) =>
      fc.record({
        shards: fc.constant(shards),
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: SLOT_COUNT - 1 }), { maxLength: 12 }),
        owners: fc.array(fc.integer({ min: options.holes === true ? -1 : 0, max: shards - 1 }), {
          minLength: 13,
          maxLength: 13,
        }),
        replicas: fc.array(fc.integer({ min: 0, max: 2 }), {
          minLength: shards,
          maxLength: shards,
        }),
      }),
    )
    .map(({ shards, cuts, owners, replicas }) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), SLOT_COUNT];
      const runs = [];
      for (let run = 0; run + 1 < bounds.length; run++) {
        const start = bounds[run] as number;
        runs.push({ start, end: (bounds[run + 1] as number) - 1, owner: owners[run] as number });
      }
      return { shards, runs, replicas };
    });
}

/** The owner (shard index, or -1) of every slot. */
export function ownersOf(value: Layout): number[] {
  const owner = new Array<number>(SLOT_COUNT).fill(-1);
  for (const run of value.runs) owner.fill(run.owner, run.start, run.end + 1);
  return owner;
}

/** Inclusive runs of the slots `owner` gives to each shard, by shard (one pass). */
export function rangesByOwner(owner: ArrayLike<number>): Map<number, SlotRange[]> {
  const ranges = new Map<number, SlotRange[]>();
  let start = 0;
  for (let slot = 1; slot <= owner.length; slot++) {
    if (slot < owner.length && owner[slot] === owner[start]) continue;
    const shard = owner[start] as number;
    let list = ranges.get(shard);
    if (list === undefined) {
      list = [];
      ranges.set(shard, list);
    }
    list.push({ start, end: slot - 1 });
    start = slot;
  }
  return ranges;
}

/** The Topology a server would report for `value`. */
export function topologyOf(value: Layout): Topology {
  const inputs: ShardInput[] = [];
  for (let shard = 0; shard < value.shards; shard++) {
    inputs.push({
      primary: { host: "127.0.0.1", port: primaryPort(shard) },
      replicas: Array.from({ length: value.replicas[shard] ?? 0 }, (_, replica) => ({
        host: "127.0.0.1",
        port: replicaPort(shard, replica),
      })),
      slotRanges: value.runs
        .filter((run) => run.owner === shard)
        .map(({ start, end }) => ({ start, end })),
    });
  }
  return buildTopology(inputs);
}

/** Keys, some sharing a hash tag (so several keys land in one slot), some with odd braces. */
export const key: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc
    .tuple(fc.constantFrom("a", "b", "user1000", ""), fc.string({ maxLength: 6 }))
    .map(([tag, rest]) => `{${tag}}${rest}`),
  fc.constantFrom("foo", "bar", "{foo}2", "foo{}{bar}", "}{a}", "é"),
);

/**
 * One of `count` random topologies built once (a fixed seed): for properties that vary
 * the commands more than the cluster, without building a 16,384-slot view per run.
 */
export function anyTopology(count = 40, options: { holes?: boolean } = {}): fc.Arbitrary<Topology> {
  const layouts = fc.sample(layout(options), { numRuns: count, seed: 18 });
  return fc.constantFrom(...layouts.map(topologyOf));
}
