// Time for the fake: expiry, blocking timeouts and TIME all read one clock, so
// a test that owns a ManualClock controls every time-dependent behaviour.

import type { Clock } from "../data/types.js";

/** A clock that can also schedule a callback at an absolute time on itself. */
export interface ServerClock extends Clock {
  /** Runs `callback` once the clock reaches `atMs`; returns a canceller. */
  schedule(atMs: number, callback: () => void): () => void;
}

/** Wall-clock time with real timers. */
export class SystemClock implements ServerClock {
  now(): number {
    return Date.now();
  }

  schedule(atMs: number, callback: () => void): () => void {
    // Node fires a longer delay than a timer holds at once, so far deadlines
    // (BLPOP k 1e9) wait in steps of the longest delay.
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = Math.max(0, atMs - Date.now());
      timer = setTimeout(
        delay > MAX_TIMER_DELAY_MS ? arm : callback,
        Math.min(delay, MAX_TIMER_DELAY_MS),
      );
      timer.unref();
    };
    arm();
    return () => clearTimeout(timer);
  }
}

/** The longest delay a Node timer holds (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** A clock that only moves when told to; scheduled callbacks fire as it passes them. */
export class ManualClock implements ServerClock {
  private current: number;
  private timers: PendingTimer[] = [];
  private seq = 0;

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms` and fires every callback that became due, in time order. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move a clock by ${ms} ms`);
    this.set(this.current + ms);
  }

  /** Sets the time; it may not go backwards. */
  set(ms: number): void {
    if (!(ms >= this.current)) throw new RangeError("a ManualClock cannot go backwards");
    this.current = ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => timer.at <= this.current)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) return;
      this.timers = this.timers.filter((timer) => timer !== due);
      due.callback();
    }
  }

  schedule(atMs: number, callback: () => void): () => void {
    const timer: PendingTimer = { at: atMs, seq: this.seq++, callback };
    if (atMs <= this.current) {
      queueMicrotask(() => {
        if (this.timers.includes(timer)) {
          this.timers = this.timers.filter((t) => t !== timer);
          callback();
        }
      });
    }
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 40-character hex node id drawn from `random`. */
export function randomNodeId(random: () => number): string {
  let out = "";
  for (let i = 0; i < 40; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
