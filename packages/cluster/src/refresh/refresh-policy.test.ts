import { describe, expect, it } from "vitest";
import { type RefreshDecision, RefreshPolicy, type RefreshReason } from "./refresh-policy.js";

/**
 * Drives a policy the way a client would: signals at given times, a timer for
 * each "wait", and refreshes that take `refreshMs` before `finish`.
 */
function simulate(
  policy: RefreshPolicy,
  signals: { at: number; reason: RefreshReason }[],
  refreshMs: number,
): number[] {
  const starts: number[] = [];
  const timers: { at: number; kind: "poll" | "finish" }[] = [];
  const handle = (decision: RefreshDecision, now: number) => {
    if (decision.action === "start") {
      starts.push(now);
      timers.push({ at: now + refreshMs, kind: "finish" });
    } else if (
      decision.action === "wait" &&
      !timers.some((timer) => timer.kind === "poll" && timer.at === decision.at)
    ) {
      timers.push({ at: decision.at, kind: "poll" });
    }
  };
  let next = 0;
  for (;;) {
    timers.sort((a, b) => a.at - b.at);
    const timer = timers[0];
    const signal = signals[next];
    if (signal === undefined && timer === undefined) return starts;
    if (signal !== undefined && (timer === undefined || signal.at < timer.at)) {
      handle(policy.signal(signal.reason, signal.at), signal.at);
      next++;
    } else if (timer !== undefined) {
      timers.shift();
      handle(timer.kind === "finish" ? policy.finish(timer.at) : policy.poll(timer.at), timer.at);
    }
  }
}

describe("RefreshPolicy", () => {
  it("starts at once on the first signal, with the reason", () => {
    const policy = new RefreshPolicy();
    expect(policy.signal("moved", 1000)).toEqual({ action: "start", reasons: ["moved"] });
    expect(policy.inFlight).toBe(true);
  });

  it("is single-flight: signals during a refresh wait for it to finish", () => {
    const policy = new RefreshPolicy({ minIntervalMs: 100 });
    policy.signal("moved", 0);
    expect(policy.signal("moved", 10)).toEqual({ action: "none" });
    expect(policy.signal("readOnly", 20)).toEqual({ action: "none" });
    expect(policy.dueAt).toBeUndefined();
    // Finished quickly: the follow-up waits for the rate limit.
    expect(policy.finish(30)).toEqual({ action: "wait", at: 100 });
    expect(policy.poll(99)).toEqual({ action: "wait", at: 100 });
    expect(policy.poll(100)).toEqual({ action: "start", reasons: ["moved", "readOnly"] });
  });

  it("runs the follow-up at once when the refresh outlasted the interval", () => {
    const policy = new RefreshPolicy({ minIntervalMs: 100 });
    policy.signal("connectionError", 0);
    policy.signal("moved", 50);
    expect(policy.finish(250)).toEqual({ action: "start", reasons: ["moved"] });
  });

  it("does nothing on finish when no signal arrived meanwhile", () => {
    const policy = new RefreshPolicy();
    policy.signal("moved", 0);
    expect(policy.finish(10)).toEqual({ action: "none" });
    expect(policy.inFlight).toBe(false);
    expect(policy.dueAt).toBeUndefined();
  });

  it("does not queue a periodic check behind a running refresh", () => {
    const policy = new RefreshPolicy();
    policy.signal("moved", 0);
    expect(policy.signal("periodic", 5)).toEqual({ action: "none" });
    expect(policy.finish(500)).toEqual({ action: "none" });
    expect(policy.signal("periodic", 600)).toEqual({ action: "start", reasons: ["periodic"] });
  });

  it("coalesces 10,000 MOVED signals in 1 s into about one refresh per interval", () => {
    const policy = new RefreshPolicy({ minIntervalMs: 100 });
    const signals = Array.from({ length: 10_000 }, (_, i) => ({
      at: i * 0.1,
      reason: "moved" as const,
    }));
    const starts = simulate(policy, signals, 20);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(100);
    expect(policy.startedCount).toBe(starts.length);
    // The last signal is covered by a refresh that started after it.
    expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(999.9);
  });

  it("adds jitter from the injected random source", () => {
    const policy = new RefreshPolicy({ minIntervalMs: 100, jitterMs: 50, random: () => 0.5 });
    policy.signal("moved", 0);
    policy.finish(1);
    expect(policy.signal("moved", 2)).toEqual({ action: "wait", at: 125 });
    const noJitter = new RefreshPolicy({ minIntervalMs: 100, jitterMs: 50, random: () => 0 });
    noJitter.signal("moved", 0);
    noJitter.finish(1);
    expect(noJitter.signal("moved", 2)).toEqual({ action: "wait", at: 100 });
  });

  it("rejects negative or non-numeric intervals", () => {
    expect(() => new RefreshPolicy({ minIntervalMs: -1 })).toThrow(RangeError);
    expect(() => new RefreshPolicy({ jitterMs: Number.NaN })).toThrow(RangeError);
  });
});
