import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("string commands", () => {
  it("SET … IFEQ sets only when the current value matches (Valkey 8.1)", () => {
    const ctx = testContext();
    expect(run(ctx, "SET", "k", "new", "IFEQ", "old")).toBeNull();
    expect(run(ctx, "EXISTS", "k")).toBe(0);
    run(ctx, "SET", "k", "old");
    expect(run(ctx, "SET", "k", "new", "IFEQ", "nope")).toBeNull();
    expect(run(ctx, "SET", "k", "new", "IFEQ", "old")).toBe("OK");
    expect(run(ctx, "SET", "k", "newer", "IFEQ", "new", "GET")).toBe("new");
    expect(run(ctx, "GET", "k")).toBe("newer");
    expect(run(ctx, "SET", "k", "x", "IFEQ", "nope", "GET")).toBe("newer");
    expect(run(ctx, "SET", "k", "x", "IFEQ", "a", "NX")).toEqual({ error: "ERR syntax error" });
    expect(run(ctx, "SET", "k", "x", "IFEQ")).toEqual({ error: "ERR syntax error" });
    run(ctx, "RPUSH", "list", "a");
    expect(run(ctx, "SET", "list", "x", "IFEQ", "a")).toEqual({
      error: "WRONGTYPE Operation against a key holding the wrong kind of value",
    });
  });

  it("expires keys on the injected clock", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v", "PX", "1500");
    expect(run(ctx, "PTTL", "k")).toBe(1500);
    ctx.advance(1499);
    expect(run(ctx, "GET", "k")).toBe("v");
    ctx.advance(1);
    expect(run(ctx, "GET", "k")).toBeNull();
    expect(run(ctx, "EXISTS", "k")).toBe(0);
  });

  it("KEEPTTL keeps the expiry, a plain SET clears it, INCR keeps it", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "1", "EX", "10");
    run(ctx, "SET", "k", "2", "KEEPTTL");
    expect(run(ctx, "TTL", "k")).toBe(10);
    run(ctx, "INCR", "k");
    expect(run(ctx, "TTL", "k")).toBe(10);
    run(ctx, "SET", "k", "3");
    expect(run(ctx, "TTL", "k")).toBe(-1);
  });

  it("GETEX sets, moves and removes expiry", () => {
    const ctx = testContext();
    run(ctx, "SET", "k", "v");
    expect(run(ctx, "GETEX", "k", "EX", "5")).toBe("v");
    expect(run(ctx, "TTL", "k")).toBe(5);
    expect(run(ctx, "GETEX", "k", "PERSIST")).toBe("v");
    expect(run(ctx, "TTL", "k")).toBe(-1);
    expect(run(ctx, "GETEX", "k", "PXAT", String(ctx.clock.now() - 1))).toBe("v");
    expect(run(ctx, "EXISTS", "k")).toBe(0);
  });

  it("counts in int64 and refuses to overflow", () => {
    const ctx = testContext();
    run(ctx, "SET", "n", "9223372036854775806");
    expect(run(ctx, "INCR", "n")).toBe(9223372036854775807n);
    expect(run(ctx, "INCR", "n")).toEqual({ error: "ERR increment or decrement would overflow" });
    expect(run(ctx, "INCRBY", "fresh", "-7")).toBe(-7);
  });

  it("INCRBYFLOAT keeps the server's long double text", () => {
    const ctx = testContext();
    expect(run(ctx, "INCRBYFLOAT", "f", "10.5")).toBe("10.5");
    expect(run(ctx, "INCRBYFLOAT", "f", "0.1")).toBe("10.6");
    expect(run(ctx, "INCRBYFLOAT", "f", "-5")).toBe("5.6");
    expect(run(ctx, "INCRBYFLOAT", "f", "5000")).toBe("5005.60000000000000009");
  });

  it("SETRANGE pads with zero bytes and APPEND extends", () => {
    const ctx = testContext();
    expect(run(ctx, "SETRANGE", "k", "3", "ab")).toBe(5);
    expect(run(ctx, "GET", "k")).toBe("\0\0\0ab");
    expect(run(ctx, "APPEND", "k", "c")).toBe(6);
    expect(run(ctx, "GETRANGE", "k", "-3", "-1")).toBe("abc");
  });

  it("LCS IDX reports ranges from the end, as a map", () => {
    const ctx = testContext(3);
    run(ctx, "MSET", "a", "ohmytext", "b", "mynewtext");
    expect(run(ctx, "LCS", "a", "b")).toBe("mytext");
    expect(run(ctx, "LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).toEqual({
      map: [
        ["matches", [[[4, 7], [5, 8], 4]]],
        ["len", 6],
      ],
    });
  });
});
