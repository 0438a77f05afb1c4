import { describe, expect, it } from "vitest";
import { run, testContext } from "./test-support/harness.js";

describe("HyperLogLog", () => {
  it("counts distinct elements and reports register changes", () => {
    const ctx = testContext();
    expect(run(ctx, "PFADD", "h", "a", "b", "c")).toBe(1);
    expect(run(ctx, "PFADD", "h", "a")).toBe(0);
    expect(run(ctx, "PFCOUNT", "h")).toBe(3);
    expect(run(ctx, "PFCOUNT", "missing")).toBe(0);
    const many = Array.from({ length: 1000 }, (_, i) => `e${i}`);
    run(ctx, "PFADD", "big", ...many);
    // The server's estimate for these 1000 elements (checked differentially).
    expect(run(ctx, "PFCOUNT", "big")).toBe(1008);
  });

  it("merges, and refuses strings that are not HyperLogLogs", () => {
    const ctx = testContext();
    run(ctx, "PFADD", "x", "a", "b");
    run(ctx, "PFADD", "y", "b", "c");
    expect(run(ctx, "PFCOUNT", "x", "y")).toBe(3);
    expect(run(ctx, "PFMERGE", "z", "x", "y")).toBe("OK");
    expect(run(ctx, "PFCOUNT", "z")).toBe(3);
    run(ctx, "SET", "s", "plain");
    expect(run(ctx, "PFADD", "s", "a")).toEqual({
      error: "WRONGTYPE Key is not a valid HyperLogLog string value.",
    });
  });
});
