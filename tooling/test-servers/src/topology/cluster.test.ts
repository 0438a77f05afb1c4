import { describe, expect, it } from "vitest";
import { slotRanges, validateClusterShape } from "./cluster.js";

describe("slotRanges", () => {
  it.each([1, 3, 5, 7])("covers all 16384 slots exactly once with %i primaries", (primaries) => {
    const ranges = slotRanges(primaries);
    expect(ranges).toHaveLength(primaries);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(16383);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
  });
});

describe("validateClusterShape", () => {
  it("accepts sensible shapes and rejects the rest", () => {
    expect(() => validateClusterShape({ primaries: 3, replicasPerPrimary: 1 })).not.toThrow();
    expect(() => validateClusterShape({ primaries: 0, replicasPerPrimary: 1 })).toThrow(RangeError);
    expect(() => validateClusterShape({ primaries: 2, replicasPerPrimary: -1 })).toThrow(
      RangeError,
    );
    expect(() => validateClusterShape({ primaries: 1.5, replicasPerPrimary: 0 })).toThrow(
      RangeError,
    );
    expect(() => validateClusterShape({ primaries: 40, replicasPerPrimary: 1 })).toThrow(/at most/);
  });
});
