// Properties of routing on random cluster layouts: a keyed command goes to the
// shard that owns its keys' slot, a multi-key command is split into one
// sub-command per slot whose keys are exactly the original ones, and putting
// the sub-replies back in key order inverts the split.
import type { Command, CommandArg } from "@petrel/commands";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate } from "../aggregation/aggregate.js";
import { slotOf } from "../slots/slot-of.js";
import { anyTopology, key } from "../test-support/arbitraries.js";
import { command, specs } from "../test-support/commands.js";
import { UNASSIGNED_SLOT } from "../topology/topology.js";
import { splitBySlot } from "./multi-slot-split.js";
import { planCommand } from "./plan-command.js";
import type { ReadFrom } from "./read-from.js";

const RUNS = { numRuns: 1000 };
const readFrom = fc.constantFrom<ReadFrom>("primary", "preferReplica");

describe("planCommand (properties)", () => {
  it("sends a single-key command to the shard that owns the key's slot, or says none does", () => {
    fc.assert(
      fc.property(
        anyTopology(40, { holes: true }),
        key,
        fc.boolean(),
        readFrom,
        (view, k, write, mode) => {
          const plan = planCommand(command(write ? specs.set : specs.get, ["X", k]), view, {
            readFrom: mode,
          });
          const slot = slotOf(k);
          const owner = view.slotToShard[slot] as number;
          if (view.nodes.length === 0) {
            expect(plan).toMatchObject({ kind: "unroutable", reason: "noNodes" });
            return;
          }
          if (owner === UNASSIGNED_SLOT) {
            expect(plan).toMatchObject({ kind: "unroutable", reason: "slotNotServed", slot });
            return;
          }
          const shard = view.shards[owner];
          expect(plan.kind).toBe("single");
          if (plan.kind !== "single" || shard === undefined) return;
          expect(plan.slot).toBe(slot);
          if (write || mode === "primary") expect(plan.node).toBe(shard.primary);
          else expect([shard.primary, ...shard.replicas]).toContain(plan.node);
        },
      ),
      RUNS,
    );
  });

  it("splits a multi-key command per slot; each part goes to its slot's owner", () => {
    fc.assert(
      fc.property(anyTopology(), fc.array(key, { minLength: 1, maxLength: 12 }), (view, keys) => {
        const plan = planCommand(command(specs.mget, ["MGET", ...keys]), view);
        const slots = new Set(keys.map((k) => slotOf(k)));
        if (slots.size === 1) {
          expect(plan.kind).toBe("single");
          return;
        }
        expect(plan.kind).toBe("multi");
        if (plan.kind !== "multi") return;
        expect(plan.split).toBe(true);
        expect(plan.keyCount).toBe(keys.length);
        expect(plan.targets).toHaveLength(slots.size);
        const positions: number[] = [];
        for (const target of plan.targets) {
          const slot = target.slot as number;
          const shard = view.shards[view.slotToShard[slot] as number];
          expect(target.node).toBe(shard?.primary);
          for (const arg of target.command.args.slice(1)) expect(slotOf(arg)).toBe(slot);
          positions.push(...(target.keyPositions ?? []));
        }
        expect(positions.sort((a, b) => a - b)).toEqual(keys.map((_, index) => index));
      }),
      RUNS,
    );
  });

  it("sends a keyless all-shards command to every primary once", () => {
    fc.assert(
      fc.property(anyTopology(), (view) => {
        const plan = planCommand(command(specs.dbsize, ["DBSIZE"]), view);
        expect(plan.kind).toBe("multi");
        if (plan.kind !== "multi") return;
        expect(plan.targets.map((target) => target.node)).toEqual(
          view.shards.map((shard) => shard.primary),
        );
      }),
      RUNS,
    );
  });
});

/** The arguments a split's groups give back, each key (and its values) at its original place. */
function reassembleArgs(original: Command, groups: ReturnType<typeof splitBySlot>): CommandArg[] {
  const step = original.spec.keys.kind === "range" ? original.spec.keys.step : 1;
  const args: CommandArg[] = [original.args[0] as CommandArg];
  for (const group of groups?.groups ?? []) {
    group.keyPositions.forEach((position, index) => {
      for (let offset = 0; offset < step; offset++)
        args[1 + position * step + offset] = group.command.args[
          1 + index * step + offset
        ] as CommandArg;
    });
  }
  return args;
}

describe("multi-slot split and reassembly (properties)", () => {
  it("split then reassembly gives back the original arguments (MGET, DEL, MSET)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(specs.mget, specs.del, specs.mset),
        (pairs, spec) => {
          const args: CommandArg[] =
            spec === specs.mset
              ? [spec.name, ...pairs.flat()]
              : [spec.name, ...pairs.map(([k]) => k)];
          const original = command(spec, args);
          const split = splitBySlot(original);
          expect(split?.keyCount).toBe(pairs.length);
          expect(reassembleArgs(original, split)).toEqual(args);
          for (const group of split?.groups ?? []) {
            expect(group.command.spec).toBe(spec);
            for (const position of group.keyPositions)
              expect(slotOf(pairs[position]?.[0] as string)).toBe(group.slot);
          }
          // One group per slot, in the order of each slot's first key.
          const firstSeen = [...new Set(pairs.map(([k]) => slotOf(k)))];
          expect(split?.groups.map((group) => group.slot)).toEqual(firstSeen);
        },
      ),
      RUNS,
    );
  });

  it("aggregating the parts' replies puts every value back at its key's position", () => {
    fc.assert(
      fc.property(anyTopology(), fc.array(key, { minLength: 2, maxLength: 12 }), (view, keys) => {
        const plan = planCommand(command(specs.mget, ["MGET", ...keys]), view);
        if (plan.kind !== "multi") return;
        // A server that answers each key with the key itself.
        const replies = plan.targets.map((target) => target.command.args.slice(1));
        expect(aggregate(plan.response, replies, plan)).toEqual({ ok: true, value: keys });
      }),
      RUNS,
    );
  });
});
