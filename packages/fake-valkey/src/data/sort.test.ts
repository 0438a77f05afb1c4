import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("SORT", () => {
  it("sorts numerically with byte-order tie breaks, or alphabetically", () => {
    const ctx = testContext();
    run(ctx, "RPUSH", "l", "10", "9", "1e1", "-2");
    expect(run(ctx, "SORT", "l")).toEqual(["-2", "9", "10", "1e1"]);
    expect(run(ctx, "SORT", "l", "ALPHA", "DESC", "LIMIT", "0", "2")).toEqual(["9", "1e1"]);
  });

  it("uses BY weights, GET lookups and STORE", () => {
    const ctx = testContext();
    run(ctx, "RPUSH", "ids", "a", "b");
    run(ctx, "MSET", "w_a", "2", "w_b", "1");
    run(ctx, "HSET", "user_a", "name", "Ann");
    expect(run(ctx, "SORT", "ids", "BY", "w_*", "GET", "#", "GET", "user_*->name")).toEqual([
      "b",
      null,
      "a",
      "Ann",
    ]);
    expect(run(ctx, "SORT", "ids", "BY", "w_*", "STORE", "out")).toBe(2);
    expect(run(ctx, "LRANGE", "out", "0", "-1")).toEqual(["b", "a"]);
    expect(run(ctx, "SORT_RO", "ids", "STORE", "x")).toEqual({ error: "ERR syntax error" });
  });
});
