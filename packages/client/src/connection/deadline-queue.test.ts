import { afterEach, describe, expect, it, vi } from "vitest";
import { type DeadlineEntry, DeadlineQueue } from "./deadline-queue.js";

interface Entry extends DeadlineEntry {
  name: string;
}

const entry = (name: string, deadline: number): Entry => ({ name, deadline, heapIndex: -1 });

describe("DeadlineQueue", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires entries in deadline order with one timer, skipping removed ones", () => {
    vi.useFakeTimers();
    let now = 0;
    const expired: string[] = [];
    const queue = new DeadlineQueue<Entry>(
      (e) => expired.push(e.name),
      () => now,
    );
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
    now = 35;
    vi.advanceTimersByTime(35);
    expect(expired).toEqual(["a", "c"]);
    expect(vi.getTimerCount()).toBe(1);
    now = 100;
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(["a", "c", "d", "e"]);
    expect(queue.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("re-arms earlier when a sooner deadline arrives, and clear() stops the timer", () => {
    vi.useFakeTimers();
    let now = 0;
    const expired: string[] = [];
    const queue = new DeadlineQueue<Entry>(
      (e) => expired.push(e.name),
      () => now,
    );
    queue.add(entry("late", 1000));
    queue.add(entry("soon", 5));
    now = 5;
    vi.advanceTimersByTime(5);
    expect(expired).toEqual(["soon"]);
    queue.clear();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps the heap valid under random adds and removes", () => {
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
    // Fire through the public path: the armed callback drains everything expired.
    (queue as unknown as { fire: () => void }).fire();
    expect(expired).toEqual(live.map((e) => e.deadline).sort((a, b) => a - b));
    queue.clear();
  });

  it("keeps one timer across sequential add/remove pairs, and stops once nothing is due", () => {
    vi.useFakeTimers();
    let now = 0;
    const expired: string[] = [];
    const queue = new DeadlineQueue<Entry>(
      (e) => expired.push(e.name),
      () => now,
    );
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    for (let index = 0; index < 100; index++) {
      const request = entry(`r${index}`, now + 250);
      queue.add(request);
      queue.remove(request);
      now += 1;
    }
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    // The timer was armed for the first request's deadline; it fires, finds nothing, stops.
    now = 250;
    vi.advanceTimersByTime(250);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    setTimeoutSpy.mockRestore();
  });

  it("caps the timer delay for deadlines beyond setTimeout's range", () => {
    vi.useFakeTimers();
    let now = 0;
    const expired: string[] = [];
    const queue = new DeadlineQueue<Entry>(
      (e) => expired.push(e.name),
      () => now,
    );
    const far = 3 * 2 ** 31;
    queue.add(entry("far", far));
    now = 2 ** 31 - 1;
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    now = far;
    vi.advanceTimersByTime(far);
    expect(expired).toEqual(["far"]);
  });
});
