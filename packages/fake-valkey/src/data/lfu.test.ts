import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccessPolicy, decayed, LFU_INIT, touchCounter } from "./lfu.js";

const policy = (random: () => number, decayMinutes = 1): AccessPolicy => ({
  lfu: true,
  logFactor: 10,
  decayMinutes,
  random,
});

describe("LFU counter", () => {
  it("grows surely from the initial count and rarely beyond it", () => {
    const state = { counter: LFU_INIT, minutes: 0 };
    touchCounter(
      state,
      policy(() => 0.5),
      0,
    );
    expect(state.counter).toBe(6);
    // Past the initial count the chance is 1 / (1 × 10 + 1): 0.5 does not increment.
    touchCounter(
      state,
      policy(() => 0.5),
      0,
    );
    expect(state.counter).toBe(6);
    touchCounter(
      state,
      policy(() => 0.05),
      0,
    );
    expect(state.counter).toBe(7);
  });

  it("decays one per lfu-decay-time minutes, never below zero, and not at all for 0", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 600 }),
        (counter, minutes) => {
          const state = { counter, minutes: 0 };
          expect(decayed(state, policy(Math.random), minutes * 60_000)).toBe(
            Math.max(0, counter - minutes),
          );
          expect(decayed(state, policy(Math.random, 2), minutes * 60_000)).toBe(
            Math.max(0, counter - Math.floor(minutes / 2)),
          );
          expect(decayed(state, policy(Math.random, 0), minutes * 60_000)).toBe(counter);
        },
      ),
    );
  });

  it("stops at 255", () => {
    const state = { counter: 255, minutes: 0 };
    touchCounter(
      state,
      policy(() => 0),
      0,
    );
    expect(state.counter).toBe(255);
  });
});
