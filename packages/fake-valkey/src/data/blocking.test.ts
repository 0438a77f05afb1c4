import { describe, expect, it } from "vitest";
import { blocked, plain, run, testContext } from "./test-support/harness.js";

describe("blocking commands", () => {
  it("BLPOP answers at once when a list has items", () => {
    const ctx = testContext();
    run(ctx, "RPUSH", "b", "1");
    expect(run(ctx, "BLPOP", "a", "b", "0")).toEqual(["b", "1"]);
  });

  it("BLPOP blocks, then serves the first key that gets an item", () => {
    const ctx = testContext();
    const request = blocked(ctx, "BLPOP", "a", "b", "1.5");
    expect(request.keys.map(String)).toEqual(["a", "b"]);
    expect(request.timeoutMs).toBe(1500);
    expect(request.attempt(ctx)).toBeUndefined();
    run(ctx, "SET", "a", "not a list");
    expect(request.attempt(ctx)).toBeUndefined();
    run(ctx, "RPUSH", "b", "x", "y");
    expect(plain(request.attempt(ctx) ?? { type: "null" })).toEqual(["b", "x"]);
    expect(run(ctx, "LRANGE", "b", "0", "-1")).toEqual(["y"]);
    expect(plain(request.timeoutReply())).toBeNull();
  });

  it("WRONGTYPE surfaces at once, not after blocking", () => {
    const ctx = testContext();
    run(ctx, "SET", "s", "v");
    expect(run(ctx, "BLPOP", "s", "0")).toEqual({
      error: "WRONGTYPE Operation against a key holding the wrong kind of value",
    });
  });

  it("BLMOVE moves once its source has an item; its timeout reply is a null array", () => {
    const ctx = testContext();
    const request = blocked(ctx, "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
    expect(request.timeoutMs).toBe(0);
    run(ctx, "RPUSH", "src", "a");
    expect(plain(request.attempt(ctx) ?? { type: "null" })).toBe("a");
    expect(run(ctx, "LRANGE", "dst", "0", "-1")).toEqual(["a"]);
    expect(request.timeoutReply()).toEqual({ type: "array", value: null });
  });

  it("BLMPOP and BZMPOP pop several items", () => {
    const ctx = testContext(3);
    const lists = blocked(ctx, "BLMPOP", "0", "1", "l", "RIGHT", "COUNT", "2");
    run(ctx, "RPUSH", "l", "a", "b", "c");
    expect(plain(lists.attempt(ctx) ?? { type: "null" })).toEqual(["l", ["c", "b"]]);
    const zsets = blocked(ctx, "BZMPOP", "0", "1", "z", "MIN");
    run(ctx, "ZADD", "z", "1.5", "m");
    expect(plain(zsets.attempt(ctx) ?? { type: "null" })).toEqual([
      "z",
      [["m", { double: "1.5" }]],
    ]);
  });

  it("BZPOPMIN replies key, member and score", () => {
    const ctx = testContext();
    const request = blocked(ctx, "BZPOPMIN", "z", "0");
    run(ctx, "ZADD", "z", "2", "b", "1", "a");
    expect(plain(request.attempt(ctx) ?? { type: "null" })).toEqual(["z", "a", "1"]);
  });

  it("rejects bad timeouts", () => {
    const ctx = testContext();
    expect(run(ctx, "BLPOP", "a", "-1")).toEqual({ error: "ERR timeout is negative" });
    expect(run(ctx, "BLPOP", "a", "x")).toEqual({
      error: "ERR timeout is not a float or out of range",
    });
  });
});
