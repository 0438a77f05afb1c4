import { afterEach, describe, expect, it, vi } from "vitest";
import { type DeadlineEntry, DeadlineQueue } from "./deadline-queue.js";

interface Entry extends DeadlineEntry {
  name: string;
}

const entry = (name: string, deadline: number): Entry => ({ name, deadline, heapIndex: -1 });

/** A queue on vitest's fake timers, with a clock the test sets and the names it expired. */
function fakeClock() {
  vi.useFakeTimers();
  const clock = {
    now: 0,
    expired: [] as string[],
    queue: undefined as unknown as DeadlineQueue<Entry>,
  };
  clock.queue = new DeadlineQueue<Entry>(
    (e) => clock.expired.push(e.name),
    () => clock.now,
  );
  return clock;
}

describe("DeadlineQueue", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires entries in deadline order with one timer, skipping removed ones", () => {
    const clock = fakeClock();
    const { queue, expired } = clock;
    const entries = [
      entry("c", 30),
      entry("a", 10),
      entry("d", 40),
      entry("b", 20),
      entry("e", 50),
    ];
    for (const e of entries) queue.add(e);
    expect(vi.getTimerCount()).toBe(1);
    queue.remove(entries[3] as Entry);
    expect(queue.size).toBe(4);
    clock.now = 35;
    vi.advanceTimersByTime(35);
    expect(expired).toEqual(["a", "c"]);
    expect(vi.getTimerCount()).toBe(1);
    clock.now = 100;
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(["a", "c", "d", "e"]);
    expect(queue.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-arms earlier when a sooner deadline arrives, and clear() stops the timer", () => {
    const clock = fakeClock();
    const { queue, expired } = clock;
    queue.add(entry("late", 1000));
    queue.add(entry("soon", 5));
    clock.now = 5;
    vi.advanceTimersByTime(5);
    expect(expired).toEqual(["soon"]);
    queue.clear();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps the heap valid under random adds and removes", () => {
    vi.useFakeTimers();
    const expired: number[] = [];
    let now = 0;
    const queue = new DeadlineQueue<Entry>(
      (e) => expired.push(e.deadline),
      () => now,
    );
    const live: Entry[] = [];
    for (let i = 0; i < 2000; i++) {
      const e = entry(String(i), Math.floor(Math.random() * 1000));
      queue.add(e);
      live.push(e);
      if (i % 3 === 0) {
        const victim = live.splice(Math.floor(Math.random() * live.length), 1)[0] as Entry;
        queue.remove(victim);
        expect(victim.heapIndex).toBe(-1);
      }
    }
    expect(queue.size).toBe(live.length);
    now = 2000;
    // The one armed timer fires and drains everything expired by now.
    vi.runOnlyPendingTimers();
    expect(expired).toEqual(live.map((e) => e.deadline).sort((a, b) => a - b));
    queue.clear();
  });

  it("keeps one timer across sequential add/remove pairs, and stops once nothing is due", () => {
    const clock = fakeClock();
    const { queue, expired } = clock;
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    for (let index = 0; index < 100; index++) {
      const request = entry(`r${index}`, clock.now + 250);
      queue.add(request);
      queue.remove(request);
      clock.now += 1;
    }
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    // The timer was armed for the first request's deadline; it fires, finds nothing, stops.
    clock.now = 250;
    vi.advanceTimersByTime(250);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    setTimeoutSpy.mockRestore();
  });

  it("caps the timer delay for deadlines beyond setTimeout's range", () => {
    const clock = fakeClock();
    const { queue, expired } = clock;
    const far = 3 * 2 ** 31;
    queue.add(entry("far", far));
    clock.now = 2 ** 31 - 1;
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    clock.now = far;
    vi.advanceTimersByTime(far);
    expect(expired).toEqual(["far"]);
  });
});
