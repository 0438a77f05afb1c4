import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("key commands", () => {
  it("EXPIRE flags compare against the current expiry", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v");
    expect(run(ctx, "EXPIRE", "k", "10", "XX")).toBe(0);
    expect(run(ctx, "EXPIRE", "k", "10", "GT")).toBe(0);
    expect(run(ctx, "EXPIRE", "k", "10", "NX")).toBe(1);
    expect(run(ctx, "EXPIRE", "k", "5", "GT")).toBe(0);
    expect(run(ctx, "EXPIRE", "k", "20", "GT")).toBe(1);
    expect(run(ctx, "EXPIRE", "k", "30", "LT")).toBe(0);
    expect(run(ctx, "TTL", "k")).toBe(20);
    expect(run(ctx, "EXPIRETIME", "k")).toBe(Math.trunc(ctx.clock.now() / 1000) + 20);
  });

  it("TTL rounds to the nearest second and the key vanishes on time", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v");
    run(ctx, "PEXPIRE", "k", "2600");
    expect(run(ctx, "TTL", "k")).toBe(3);
    ctx.advance(2000);
    expect(run(ctx, "TTL", "k")).toBe(1);
    expect(run(ctx, "PTTL", "k")).toBe(600);
    ctx.advance(600);
    expect(run(ctx, "TTL", "k")).toBe(-2);
  });

  it("a past expiry deletes at once", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v");
    expect(run(ctx, "EXPIRE", "k", "-1")).toBe(1);
    expect(run(ctx, "EXISTS", "k")).toBe(0);
  });

  it("COPY deep-copies across databases and MOVE refuses to overwrite", () => {
    const ctx = testContext();
    run(ctx, "RPUSH", "l", "a");
    expect(run(ctx, "COPY", "l", "l", "DB", "1")).toBe(1);
    run(ctx, "RPUSH", "l", "b");
    const db1 = ctx.with({ db: 1 });
    expect(run(db1, "LRANGE", "l", "0", "-1")).toEqual(["a"]);
    expect(run(ctx, "MOVE", "l", "1")).toBe(0);
    expect(run(ctx, "MOVE", "missing", "1")).toBe(0);
    run(db1, "DEL", "l");
    expect(run(ctx, "MOVE", "l", "1")).toBe(1);
    expect(run(db1, "LLEN", "l")).toBe(2);
  });

  it("SCAN pages through a large keyspace and filters by TYPE", () => {
    const ctx = testContext();
    for (let i = 0; i < 100; i++) run(ctx, "SET", `s${i}`, "v");
    run(ctx, "RPUSH", "list", "x");
    const seen = new Set<string>();
    let cursor = "0";
    let rounds = 0;
    do {
      const [next, keys] = run(ctx, "SCAN", cursor, "TYPE", "list") as [string, string[]];
      for (const key of keys) seen.add(key);
      cursor = next;
      rounds++;
    } while (cursor !== "0" && rounds < 1000);
    expect([...seen]).toEqual(["list"]);
    expect(rounds).toBeGreaterThan(1);
  });

  it("OBJECT IDLETIME follows the clock and resets on access", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v");
    ctx.advance(5500);
    expect(run(ctx, "OBJECT", "IDLETIME", "k")).toBe(5);
    run(ctx, "GET", "k");
    expect(run(ctx, "OBJECT", "IDLETIME", "k")).toBe(0);
  });

  it("RANDOMKEY uses the seeded random and skips expired keys", () => {
    const ctx = testContext();
    run(ctx, "SET", "live", "v");
    run(ctx, "SET", "dying", "v", "PX", "10");
    ctx.advance(10);
    for (let i = 0; i < 5; i++) expect(run(ctx, "RANDOMKEY")).toBe("live");
  });
});
