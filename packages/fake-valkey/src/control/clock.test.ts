import { describe, expect, it, vi } from "vitest";
import { ManualClock, randomNodeId, SystemClock, seededRandom } from "./clock.js";

describe("SystemClock", () => {
  it("waits for deadlines beyond the longest Node timer instead of firing at once", () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const fired: number[] = [];
      const day = 24 * 3600 * 1000;
      new SystemClock().schedule(40 * day, () => fired.push(Date.now()));
      vi.advanceTimersByTime(30 * day);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(10 * day);
      expect(fired).toEqual([40 * day]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("ManualClock", () => {
  it("fires scheduled callbacks in time order as it advances", () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.schedule(1200, () => fired.push("b"));
    clock.schedule(1100, () => fired.push("a"));
    const cancel = clock.schedule(1150, () => fired.push("cancelled"));
    cancel();
    clock.advance(150);
    expect(fired).toEqual(["a"]);
    clock.set(1200);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(1200);
  });

  it("refuses to go backwards", () => {
    const clock = new ManualClock(10);
    expect(() => clock.set(5)).toThrow("cannot go backwards");
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it("fires callbacks already due on the next microtask", async () => {
    const clock = new ManualClock(10);
    let fired = false;
    clock.schedule(5, () => {
      fired = true;
    });
    await Promise.resolve();
    expect(fired).toBe(true);
  });
});

describe("seededRandom", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it("makes 40-character hex node ids", () => {
    expect(randomNodeId(seededRandom(3))).toMatch(/^[0-9a-f]{40}$/);
  });
});
