import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CIRCUIT_BREAKER_DEFAULTS,
  CircuitBreaker,
  type ResolvedCircuitBreaker,
} from "./circuit-breaker.js";
import { resolveCircuitBreaker } from "./config.js";

function breaker(overrides: Partial<ResolvedCircuitBreaker> = {}) {
  const clock = { now: 0 };
  const config = {
    ...CIRCUIT_BREAKER_DEFAULTS,
    minErrors: 5,
    openTimeoutMs: 100,
    consecutiveSuccesses: 2,
    ...overrides,
  };
  return { clock, cb: new CircuitBreaker(config, "test", () => clock.now) };
}

describe("CircuitBreaker (GLIDE's states)", () => {
  it("stays closed under the threshold rate", () => {
    const { cb } = breaker();
    for (let i = 0; i < 6; i++) cb.record("success", 0);
    for (let i = 0; i < 4; i++) cb.record("error", 0);
    expect(cb.state).toBe("closed");
    expect(cb.allows()).toBe(true);
  });

  it("trips at the threshold rate once minErrors is reached, and refuses", () => {
    const { cb } = breaker();
    for (let i = 0; i < 6; i++) cb.record("success", 0);
    for (let i = 0; i < 5; i++) cb.record("error", 0);
    expect(cb.state).toBe("closed"); // 5 of 11
    cb.record("error", 0); // 6 of 12
    expect(cb.state).toBe("open");
    expect(cb.tripCount).toBe(1);
    expect(cb.allows()).toBe(false);
    expect(cb.rejectionCount).toBe(1);
  });

  it("does not trip below minErrors, even at 100%", () => {
    const { cb } = breaker();
    for (let i = 0; i < 4; i++) cb.record("error", 0);
    expect(cb.state).toBe("closed");
  });

  it("counts timeouts only with countTimeouts", () => {
    const off = breaker().cb;
    for (let i = 0; i < 10; i++) off.record("timeout", 0);
    expect(off.state).toBe("closed");
    const on = breaker({ countTimeouts: true }).cb;
    for (let i = 0; i < 10; i++) on.record("timeout", 0);
    expect(on.state).toBe("open");
  });

  it("forgets outcomes older than the window", () => {
    const { cb, clock } = breaker({ windowSizeMs: 50 });
    for (let i = 0; i < 4; i++) cb.record("error", 0);
    clock.now = 60;
    cb.record("error", 0);
    expect(cb.state).toBe("closed");
  });

  it("turns half-open after openTimeoutMs and closes after consecutive successes", () => {
    const { cb, clock } = breaker();
    for (let i = 0; i < 10; i++) cb.record("error", 0);
    clock.now = 99;
    expect(cb.allows()).toBe(false);
    clock.now = 100;
    expect(cb.allows()).toBe(true);
    expect(cb.state).toBe("halfOpen");
    cb.record("success", 0);
    expect(cb.state).toBe("halfOpen");
    cb.record("success", 0);
    expect(cb.state).toBe("closed");
    expect(cb.rejectionCount).toBe(0);
  });

  it("opens again when a probe fails", () => {
    const { cb, clock } = breaker();
    for (let i = 0; i < 10; i++) cb.record("error", 0);
    clock.now = 150;
    expect(cb.allows()).toBe(true);
    cb.record("success", 0);
    cb.record("error", 0);
    expect(cb.state).toBe("open");
    expect(cb.allows()).toBe(false);
    clock.now = 250;
    expect(cb.allows()).toBe(true);
  });

  it("forgives up to two failures while the requests of before the trip drain", () => {
    const { cb, clock } = breaker();
    for (let i = 0; i < 10; i++) cb.record("error", 500);
    clock.now = 110;
    expect(cb.allows()).toBe(true);
    cb.record("error", 100);
    cb.record("error", 90);
    expect(cb.state).toBe("halfOpen");
    cb.record("error", 80);
    expect(cb.state).toBe("open");
  });

  it("never trips while errors stay under the threshold rate (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 400 }), (outcomes) => {
        const { cb } = breaker({ minErrors: 1, failureRateThreshold: 0.5 });
        let errors = 0;
        let total = 0;
        let expectedOpen = false;
        for (const isError of outcomes) {
          if (expectedOpen) break;
          total++;
          if (isError) errors++;
          cb.record(isError ? "error" : "success", 0);
          expectedOpen = errors >= 1 && errors / total >= 0.5;
          expect(cb.state).toBe(expectedOpen ? "open" : "closed");
        }
      }),
    );
  });
});

describe("resolveCircuitBreaker", () => {
  it("applies GLIDE's defaults", () => {
    expect(resolveCircuitBreaker({})).toEqual({
      windowSizeMs: 10_000,
      failureRateThreshold: 0.5,
      minErrors: 50,
      openTimeoutMs: 5000,
      countTimeouts: false,
      consecutiveSuccesses: 3,
    });
    expect(resolveCircuitBreaker(undefined)).toBeUndefined();
  });

  it("refuses what GLIDE refuses, with GLIDE's messages", () => {
    expect(() => resolveCircuitBreaker({ windowSizeMs: 0 })).toThrow(
      "windowSizeMs must be positive",
    );
    expect(() => resolveCircuitBreaker({ failureRateThreshold: 0 })).toThrow(
      "failureRateThreshold must be between 0.0 (exclusive) and 1.0 (inclusive)",
    );
    expect(() => resolveCircuitBreaker({ failureRateThreshold: 1.5 })).toThrow(
      "failureRateThreshold must be between",
    );
    expect(() => resolveCircuitBreaker({ minErrors: -1 })).toThrow("minErrors must be positive");
    expect(() => resolveCircuitBreaker({ openTimeoutMs: 0 })).toThrow(
      "openTimeoutMs must be positive",
    );
    expect(() => resolveCircuitBreaker({ consecutiveSuccesses: 0 })).toThrow(
      "consecutiveSuccesses must be positive",
    );
    expect(() => resolveCircuitBreaker({ countTimeouts: "yes" })).toThrow(
      "clientCircuitBreaker.countTimeouts must be a boolean",
    );
    expect(() => resolveCircuitBreaker({ windowMs: 5 })).toThrow("is not a supported option");
  });
});
