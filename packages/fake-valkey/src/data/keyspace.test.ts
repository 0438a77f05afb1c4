import { describe, expect, it } from "vitest";
import { createKeyspace, lastAccessOf } from "./keyspace.js";

const k = (text: string): Buffer => Buffer.from(text);

describe("keyspace", () => {
  const make = () => {
    const clock = { time: 1000, now: () => clock.time };
    return { clock, db: createKeyspace(clock) };
  };

  it("stores by bytes, so binary keys round-trip", () => {
    const { db } = make();
    const key = Buffer.from([0, 0xff, 0x80]);
    db.put(key, { type: "string", value: k("v") });
    expect(db.keys()).toEqual([key]);
    expect(db.has(Buffer.from([0, 0xff, 0x80]))).toBe(true);
    expect(db.size).toBe(1);
  });

  it("drops expired keys lazily and bumps their version", () => {
    const { clock, db } = make();
    db.put(k("a"), { type: "string", value: k("1"), expiresAt: 1500 });
    db.put(k("b"), { type: "string", value: k("2") });
    const before = db.version(k("a"));
    expect(db.get(k("a"))).toBeDefined();
    clock.time = 1500;
    expect(db.version(k("a"))).toBeGreaterThan(before);
    expect(db.get(k("a"))).toBeUndefined();
    expect(db.size).toBe(1);
    expect(db.keys().map(String)).toEqual(["b"]);
  });

  it("changes the version on every write and delete, never on reads", () => {
    const { db } = make();
    expect(db.version(k("a"))).toBe(0);
    db.put(k("a"), { type: "string", value: k("1") });
    const v1 = db.version(k("a"));
    db.get(k("a"));
    expect(db.version(k("a"))).toBe(v1);
    db.put(k("a"), { type: "string", value: k("2") });
    const v2 = db.version(k("a"));
    expect(v2).not.toBe(v1);
    expect(db.delete(k("a"))).toBe(true);
    expect(db.version(k("a"))).not.toBe(v2);
    expect(db.delete(k("a"))).toBe(false);
  });

  it("reports touched keys once", () => {
    const { db } = make();
    db.put(k("a"), { type: "string", value: k("1") });
    db.put(k("b"), { type: "string", value: k("1") });
    db.put(k("a"), { type: "string", value: k("2") });
    expect(db.touched().map(String).sort()).toEqual(["a", "b"]);
    expect(db.touched()).toEqual([]);
  });

  it("flush empties the database and invalidates watched versions", () => {
    const { db } = make();
    db.put(k("a"), { type: "string", value: k("1") });
    const before = db.version(k("a"));
    db.flush();
    expect(db.size).toBe(0);
    expect(db.version(k("a"))).not.toBe(before);
  });

  it("tracks the last access for OBJECT IDLETIME", () => {
    const { clock, db } = make();
    db.put(k("a"), { type: "string", value: k("1") });
    clock.time = 5000;
    expect(lastAccessOf(db, k("a"))).toBe(1000);
    db.get(k("a"));
    expect(lastAccessOf(db, k("a"))).toBe(5000);
    expect(lastAccessOf(db, k("missing"))).toBeUndefined();
  });
});
