import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("sorted-set commands", () => {
  it("spells scores %.17g: bulk strings in RESP2, doubles in RESP3", () => {
    const resp2 = testContext(2);
    run(resp2, "ZADD", "z", "1.1", "a");
    expect(run(resp2, "ZSCORE", "z", "a")).toBe("1.1000000000000001");
    const resp3 = resp2.with({ resp: 3 });
    expect(run(resp3, "ZSCORE", "z", "a")).toEqual({ double: "1.1000000000000001" });
  });

  it("WITHSCORES pairs are flat in RESP2 and nested in RESP3", () => {
    const ctx = testContext(2);
    run(ctx, "ZADD", "z", "1", "a", "2", "b");
    expect(run(ctx, "ZRANGE", "z", "0", "-1", "WITHSCORES")).toEqual(["a", "1", "b", "2"]);
    expect(run(ctx.with({ resp: 3 }), "ZRANGE", "z", "0", "-1", "WITHSCORES")).toEqual([
      ["a", { double: "1" }],
      ["b", { double: "2" }],
    ]);
  });

  it("ZRANK and ZREVRANK accept WITHSCORE (Valkey)", () => {
    const ctx = testContext(3);
    run(ctx, "ZADD", "z", "1", "a", "2", "b");
    expect(run(ctx, "ZRANK", "z", "b", "WITHSCORE")).toEqual([1, { double: "2" }]);
    expect(run(ctx, "ZREVRANK", "z", "b", "WITHSCORE")).toEqual([0, { double: "2" }]);
    expect(run(ctx, "ZRANK", "z", "nope", "WITHSCORE")).toBeNull();
    expect(run(ctx, "ZRANK", "z", "b", "BOGUS")).toEqual({ error: "ERR syntax error" });
  });

  it("ZADD GT/LT/CH/INCR follow the server's rules", () => {
    const ctx = testContext();
    run(ctx, "ZADD", "z", "5", "a");
    expect(run(ctx, "ZADD", "z", "GT", "CH", "3", "a", "1", "new")).toBe(1);
    expect(run(ctx, "ZSCORE", "z", "a")).toBe("5");
    expect(run(ctx, "ZADD", "z", "LT", "CH", "3", "a")).toBe(1);
    expect(run(ctx, "ZADD", "z", "GT", "INCR", "-1", "a")).toBeNull();
    expect(run(ctx, "ZADD", "z", "INCR", "+inf", "a")).toBe("inf");
    expect(run(ctx, "ZADD", "z", "INCR", "-inf", "a")).toEqual({
      error: "ERR resulting score is not a number (NaN)",
    });
  });

  it("ZUNIONSTORE weights and aggregates, treating sets as score 1", () => {
    const ctx = testContext();
    run(ctx, "ZADD", "z", "2", "a", "3", "b");
    run(ctx, "SADD", "s", "a", "c");
    expect(
      run(ctx, "ZUNIONSTORE", "out", "2", "z", "s", "WEIGHTS", "10", "1", "AGGREGATE", "MAX"),
    ).toBe(3);
    expect(run(ctx, "ZRANGE", "out", "0", "-1", "WITHSCORES")).toEqual([
      "c",
      "1",
      "a",
      "20",
      "b",
      "30",
    ]);
  });

  it("ZRANGE BYLEX with REV and LIMIT", () => {
    const ctx = testContext();
    run(ctx, "ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d");
    expect(run(ctx, "ZRANGE", "z", "[c", "-", "BYLEX", "REV", "LIMIT", "1", "5")).toEqual([
      "b",
      "a",
    ]);
  });

  it("deletes a sorted set emptied by pops", () => {
    const ctx = testContext();
    run(ctx, "ZADD", "z", "1", "a");
    expect(run(ctx, "ZPOPMAX", "z")).toEqual(["a", "1"]);
    expect(run(ctx, "EXISTS", "z")).toBe(0);
  });
});
