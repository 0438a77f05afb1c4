import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("bitmap commands", () => {
  it("SETBIT grows the string with zero bytes and returns the old bit", () => {
    const ctx = testContext();
    expect(run(ctx, "SETBIT", "b", "17", "1")).toBe(0);
    expect(run(ctx, "SETBIT", "b", "17", "1")).toBe(1);
    expect(run(ctx, "GET", "b")).toBe("\x00\x00\x40");
    expect(run(ctx, "BITCOUNT", "b")).toBe(1);
    expect(run(ctx, "BITPOS", "b", "1")).toBe(17);
  });

  it("BITPOS for a clear bit runs past the end only without an explicit end", () => {
    const ctx = testContext();
    run(ctx, "SET", "ones", Buffer.from([0xff]));
    expect(run(ctx, "BITPOS", "ones", "0")).toBe(8);
    expect(run(ctx, "BITPOS", "ones", "0", "0", "0")).toBe(-1);
  });

  it("BITFIELD wraps, saturates or fails on overflow", () => {
    const ctx = testContext();
    expect(run(ctx, "BITFIELD", "f", "SET", "u8", "0", "250", "INCRBY", "u8", "0", "10")).toEqual([
      0, 4,
    ]);
    expect(run(ctx, "BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "300")).toEqual([255]);
    expect(run(ctx, "BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1")).toEqual([null]);
    expect(run(ctx, "BITFIELD", "f", "SET", "i8", "0", "-1", "GET", "u8", "0")).toEqual([-1, 255]);
    expect(run(ctx, "BITFIELD_RO", "f", "GET", "i4", "#1")).toEqual([-1]);
  });
});
