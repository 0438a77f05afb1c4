import { describe, expect, it } from "vitest";
import { clientRegistry } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { sequentialGet } from "../workloads/sequential-get.js";
import { meanInterval, medianInterval, pairedRatio } from "./paired.js";

const petrel = clientRegistry[0] as (typeof clientRegistry)[number];
const a = { ...sequentialGet, id: "a" };
const b = { ...sequentialGet, id: "b" };

function outcome(
  workload: typeof a,
  round: number,
  sample: number,
  opsPerSec?: number,
): RunOutcome {
  return {
    run: { round, sample, workload, client: petrel },
    ...(opsPerSec === undefined ? { error: "failed" } : { metrics: { opsPerSec } }),
  };
}

describe("pairedRatio", () => {
  it("takes the median of run-by-run ratios, skipping runs without a partner", () => {
    const outcomes = [
      outcome(a, 0, 0, 90),
      outcome(b, 0, 0, 100),
      outcome(a, 0, 1, 200),
      outcome(b, 0, 1, 200),
      outcome(a, 1, 0, 330),
      outcome(b, 1, 0, 300),
      outcome(a, 1, 1, 50),
      outcome(b, 1, 1),
    ];
    expect(pairedRatio(outcomes, "a", "b", "opsPerSec")).toEqual({
      ratio: 1,
      mean: 1,
      pairs: 3,
      min: 0.9,
      max: 1.1,
      interval: meanInterval([0.9, 1, 1.1]),
    });
  });

  it("is undefined when no pair was measured", () => {
    expect(pairedRatio([outcome(a, 0, 0, 1)], "a", "b", "opsPerSec")).toBeUndefined();
  });

  it("gives a 95% Student's t interval of the mean ratio", () => {
    expect(meanInterval([1])).toBeUndefined();
    // Mean 1, sample standard deviation 0.1, n = 4: half-width 3.182 × 0.1 / 2.
    const [low, high] = meanInterval([0.9, 1, 1, 1.1]) ?? [0, 0];
    const half = (3.182 * Math.sqrt(0.02 / 3)) / 2;
    expect(low).toBeCloseTo(1 - half, 6);
    expect(high).toBeCloseTo(1 + half, 6);
    expect(meanInterval([2, 2, 2])).toEqual([2, 2]);
  });

  it("gives a distribution-free 95% interval of the median ratio", () => {
    // Five values leave 2 × 1/32 outside even their whole range: no 95% interval.
    expect(medianInterval([1, 2, 3, 4, 5])).toBeUndefined();
    // Six: the whole range covers the median with probability 1 − 2/64.
    expect(medianInterval([6, 1, 5, 2, 4, 3])).toEqual([1, 6]);
    // Thirty: the 10th and 21st values (P(X ≤ 9) = 0.021 for Binomial(30, ½)).
    const thirty = Array.from({ length: 30 }, (_, index) => 30 - index);
    expect(medianInterval(thirty)).toEqual([10, 21]);
    // An outlier in place of the highest value does not move it.
    expect(medianInterval([...thirty.slice(1), 1000])).toEqual([10, 21]);
  });
});
