// The server's LFU access counter (evict.c): a logarithmic 8-bit counter that
// starts at 5, grows with probability 1 / ((counter - 5) × lfu-log-factor + 1)
// on each access, and loses one per lfu-decay-time minutes without access.
// Kept per key while a `*-lfu` maxmemory-policy is set (OBJECT FREQ, RESTORE FREQ).

/** The node's maxmemory-policy as far as access tracking goes; CONFIG SET updates it in place. */
export interface AccessPolicy {
  lfu: boolean;
  logFactor: number;
  decayMinutes: number;
  readonly random: () => number;
}

export interface LfuCounter {
  counter: number;
  /** Minutes since the epoch of the last decrement check. */
  minutes: number;
}

/** A new key's counter. */
export const LFU_INIT = 5;
const LFU_MAX = 255;

/** The counter after the decay since its last access (not stored). */
export function decayed(state: LfuCounter, policy: AccessPolicy, nowMs: number): number {
  const elapsed = Math.floor(nowMs / 60_000) - state.minutes;
  const periods = policy.decayMinutes > 0 ? Math.floor(elapsed / policy.decayMinutes) : 0;
  return periods > state.counter ? 0 : state.counter - periods;
}

/** One access: decay, then the logarithmic increment. */
export function touchCounter(state: LfuCounter, policy: AccessPolicy, nowMs: number): void {
  let counter = decayed(state, policy, nowMs);
  if (counter < LFU_MAX) {
    const base = Math.max(0, counter - LFU_INIT);
    if (policy.random() < 1 / (base * policy.logFactor + 1)) counter++;
  }
  state.counter = counter;
  state.minutes = Math.floor(nowMs / 60_000);
}
