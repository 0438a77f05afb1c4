import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createKeyspace } from "../data/keyspace.js";
import type { Keyspace } from "../data/types.js";
import { estimateMemoryUsage } from "./commands/memory.js";
import { MemoryEstimate } from "./memory.js";

/** Two databases whose changes reach `estimate`, as a node wires them. */
function databases(estimate: MemoryEstimate, clock: { time: number; now(): number }): Keyspace[] {
  const dbs: Keyspace[] = [];
  for (let i = 0; i < 2; i++) {
    const db: Keyspace = createKeyspace(clock, undefined, {
      modified: (name) => estimate.modified(db, name),
      flushed: () => estimate.flushed(db),
    });
    dbs.push(db);
  }
  return dbs;
}

/** The estimate counted afresh (reading expires the keys due, as any read does). */
function recount(dbs: readonly Keyspace[]): number {
  let total = 0;
  for (const db of dbs)
    for (const key of db.keys()) {
      const entry = db.get(key);
      if (entry !== undefined) total += estimateMemoryUsage(key, entry);
    }
  return total;
}

type Op =
  | { kind: "set"; db: number; key: string; size: number; ttl: boolean }
  | { kind: "push"; db: number; key: string; size: number }
  | { kind: "del"; db: number; key: string }
  | { kind: "flush"; db: number }
  | { kind: "tick" }
  | { kind: "ask" };

const keyArb = fc.constantFrom("a", "b", "c", "d");
const dbArb = fc.integer({ min: 0, max: 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    db: dbArb,
    key: keyArb,
    size: fc.integer({ min: 0, max: 40 }),
    ttl: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("push" as const),
    db: dbArb,
    key: keyArb,
    size: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({ kind: fc.constant("del" as const), db: dbArb, key: keyArb }),
  fc.record({ kind: fc.constant("flush" as const), db: dbArb }),
  fc.record({ kind: fc.constant("tick" as const) }),
  fc.record({ kind: fc.constant("ask" as const) }),
);

describe("MemoryEstimate", () => {
  it("equals a fresh count after any writes, deletions, flushes and expiries", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const clock = { time: 1000, now: () => clock.time };
        const estimate = new MemoryEstimate();
        const dbs = databases(estimate, clock);
        for (const op of ops) {
          if (op.kind === "tick") clock.time += 60;
          else if (op.kind === "ask") {
            const fresh = recount(dbs);
            expect(estimate.datasetBytes(dbs)).toBe(fresh);
          } else {
            const db = dbs[op.db] as Keyspace;
            if (op.kind === "flush") db.flush();
            else if (op.kind === "del") db.delete(Buffer.from(op.key));
            else if (op.kind === "set") {
              const value = Buffer.alloc(op.size, 120);
              const expiresAt = op.ttl ? clock.time + 100 : undefined;
              db.put(Buffer.from(op.key), { type: "string", value, expiresAt });
            } else {
              const key = Buffer.from(op.key);
              const entry = db.get(key);
              const list = entry?.type === "list" ? entry.value : [];
              list.push(Buffer.alloc(op.size, 121));
              db.put(key, { type: "list", value: list });
            }
          }
        }
        const fresh = recount(dbs);
        expect(estimate.datasetBytes(dbs)).toBe(fresh);
        estimate.reset();
        expect(estimate.datasetBytes(dbs)).toBe(fresh);
      }),
    );
  });
});
