// Properties of response aggregation: numeric policies agree with plain
// arithmetic (bigint past 2^53), the first error in target order rejects the
// command unless one answer suffices, and fan-outs without a policy keep one
// reply per node.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeNode } from "../topology/topology.js";
import { type AggregationPlan, aggregate } from "./aggregate.js";

const RUNS = { numRuns: 1000 };

function fanOut(count: number): AggregationPlan {
  return {
    targets: Array.from({ length: count }, (_, index) => ({
      node: makeNode({ host: "127.0.0.1", port: 7000 + index }, "primary"),
      keyPositions: undefined,
    })),
    split: false,
    keyCount: 0,
  };
}

const counts = fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.maxSafeInteger()), {
  minLength: 1,
  maxLength: 8,
});
const error = fc.string({ maxLength: 8 }).map((text) => new Error(`ERR ${text}`));

describe("aggregate (properties)", () => {
  it("aggSum, aggMin and aggMax agree with exact arithmetic", () => {
    fc.assert(
      fc.property(counts, (values) => {
        const plan = fanOut(values.length);
        const sum = aggregate("aggSum", values, plan);
        const exact = values.reduce((total, value) => total + BigInt(value), 0n);
        expect(sum.ok).toBe(true);
        if (sum.ok) expect(BigInt(sum.value as number | bigint)).toBe(exact);
        // A number while every partial sum is safe; exact (a bigint) past 2^53.
        const magnitude = values.reduce((total, value) => total + Math.abs(value), 0);
        if (sum.ok && Number.isSafeInteger(magnitude)) expect(typeof sum.value).toBe("number");
        expect(aggregate("aggMin", values, plan)).toEqual({ ok: true, value: Math.min(...values) });
        expect(aggregate("aggMax", values, plan)).toEqual({ ok: true, value: Math.max(...values) });
      }),
      RUNS,
    );
  });

  it("element-wise sums of equal-length arrays add column by column", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 25, maxLength: 25 }),
        (rows, columns, cells) => {
          const values = Array.from({ length: rows }, (_, row) =>
            cells.slice(row * columns, row * columns + columns),
          );
          const expected = Array.from({ length: columns }, (_, column) =>
            values.reduce((total, row) => total + (row[column] as number), 0),
          );
          expect(aggregate("aggSum", values, fanOut(rows))).toEqual({ ok: true, value: expected });
        },
      ),
      RUNS,
    );
  });

  it("the first error in target order rejects, unless one answer is enough", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), error), { minLength: 1, maxLength: 8 }),
        (results) => {
          const plan = fanOut(results.length);
          const firstError = results.find((result) => result instanceof Error);
          const firstValue = results.find((result) => !(result instanceof Error));
          for (const policy of ["aggSum", "allSucceeded", "default", "combineArrays"] as const) {
            const outcome = aggregate(policy, results, plan);
            if (firstError !== undefined) expect(outcome).toEqual({ ok: false, error: firstError });
          }
          const one = aggregate("oneSucceeded", results, plan);
          if (firstValue !== undefined) expect(one).toEqual({ ok: true, value: firstValue });
          else expect(one).toEqual({ ok: false, error: firstError });
        },
      ),
      RUNS,
    );
  });

  it("a fan-out without a policy answers one reply per node; combineArrays concatenates", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (replies) => {
          const plan = fanOut(replies.length);
          const byNode = aggregate("default", replies, plan);
          expect(byNode).toEqual({
            ok: true,
            value: Object.fromEntries(
              plan.targets.map((target, index) => [target.node.address, replies[index]]),
            ),
          });
          expect(aggregate("combineArrays", replies, plan)).toEqual({
            ok: true,
            value: replies.flat(),
          });
        },
      ),
      RUNS,
    );
  });

  it("logical AND and OR fold booleans and keep 0/1 integers as integers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (bits, asInt) => {
          const values = asInt ? bits.map((bit) => (bit ? 1 : 0)) : bits;
          const plan = fanOut(bits.length);
          const and = bits.every(Boolean);
          const or = bits.some(Boolean);
          expect(aggregate("aggLogicalAnd", values, plan)).toEqual({
            ok: true,
            value: asInt ? Number(and) : and,
          });
          expect(aggregate("aggLogicalOr", values, plan)).toEqual({
            ok: true,
            value: asInt ? Number(or) : or,
          });
        },
      ),
      RUNS,
    );
  });
});
