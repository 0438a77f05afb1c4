import { describe, expect, it } from "vitest";
import { DEFAULTS } from "../config/defaults.js";
import { backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  it("grows factor * base^n, stops growing after numberOfRetries", () => {
    const noJitter = () => 0;
    const delays = [0, 1, 2, 3, 4, 5, 6, 9].map((n) =>
      backoffDelay(DEFAULTS.connectionBackoff, n, noJitter),
    );
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 3200, 3200]);
  });

  it("adds at most jitterPercent", () => {
    const strategy = { numberOfRetries: 2, factor: 1000, exponentBase: 3, jitterPercent: 20 };
    expect(backoffDelay(strategy, 1, () => 0.999999)).toBe(3600);
    expect(backoffDelay(strategy, 1, () => 0.5)).toBe(3300);
    expect(backoffDelay({ ...strategy, jitterPercent: 0 }, 1, () => 0.9)).toBe(3000);
  });

  it("never exceeds what setTimeout can wait", () => {
    const huge = { numberOfRetries: 60, factor: 100, exponentBase: 2, jitterPercent: 0 };
    expect(backoffDelay(huge, 60)).toBe(2 ** 31 - 1);
  });
});
