// When to refresh the topology, as a pure state machine: the caller owns the
// clock and the timers and passes `now` (ms) in.
//
// - Single flight: while a refresh runs, new signals only mark that another
//   one is wanted once it finishes (the running one may predate the change).
// - Rate limit: refreshes start at least `minIntervalMs` (+ jitter) apart,
//   measured from the previous start. A signal inside that window schedules
//   one refresh at the window's end; further signals join it.
// - Jitter (from the injected random) spreads the refreshes of many clients
//   that saw the same failover.

export type RefreshReason = "moved" | "connectionError" | "readOnly" | "periodic" | "clusterDown";

export interface RefreshPolicyOptions {
  /** Minimum time between refresh starts. Default 100 ms. */
  readonly minIntervalMs?: number;
  /** Up to this much is added to each interval, drawn from `random`. Default 0. */
  readonly jitterMs?: number;
  /** Uniform [0, 1) source. Default Math.random. */
  readonly random?: () => number;
}

/** What the caller should do now. */
export type RefreshDecision =
  /** Start a refresh now, then call `finish`. */
  | { readonly action: "start"; readonly reasons: readonly RefreshReason[] }
  /** Call `poll` at `at` (a refresh is due then). */
  | { readonly action: "wait"; readonly at: number }
  /** Nothing to do: no refresh pending, or one is running and will be followed up. */
  | { readonly action: "none" };

const NONE: RefreshDecision = { action: "none" };

export class RefreshPolicy {
  readonly #minIntervalMs: number;
  readonly #jitterMs: number;
  readonly #random: () => number;
  #inFlight = false;
  #lastStart = Number.NEGATIVE_INFINITY;
  #intervalMs: number;
  #pending = new Set<RefreshReason>();
  #started = 0;

  constructor(options: RefreshPolicyOptions = {}) {
    const minInterval = options.minIntervalMs ?? 100;
    const jitter = options.jitterMs ?? 0;
    if (!(minInterval >= 0) || !(jitter >= 0))
      throw new RangeError("Refresh intervals must be non-negative numbers");
    this.#minIntervalMs = minInterval;
    this.#jitterMs = jitter;
    this.#random = options.random ?? Math.random;
    this.#intervalMs = this.#nextInterval();
  }

  /** True while a refresh the caller started has not finished. */
  get inFlight(): boolean {
    return this.#inFlight;
  }

  /** Number of refreshes started so far. */
  get startedCount(): number {
    return this.#started;
  }

  /** When the pending refresh may start; undefined when none is pending or one is running. */
  get dueAt(): number | undefined {
    if (this.#inFlight || this.#pending.size === 0) return undefined;
    return this.#lastStart + this.#intervalMs;
  }

  /** Something suggests the view is stale. */
  signal(reason: RefreshReason, now: number): RefreshDecision {
    // A periodic check adds nothing to a refresh already running.
    if (reason === "periodic" && this.#inFlight) return NONE;
    this.#pending.add(reason);
    return this.poll(now);
  }

  /** Re-evaluates at `now` (call it when a `wait` is due). */
  poll(now: number): RefreshDecision {
    if (this.#inFlight || this.#pending.size === 0) return NONE;
    const at = this.#lastStart + this.#intervalMs;
    if (now < at) return { action: "wait", at };
    const reasons = [...this.#pending];
    this.#pending.clear();
    this.#inFlight = true;
    this.#lastStart = now;
    this.#intervalMs = this.#nextInterval();
    this.#started++;
    return { action: "start", reasons };
  }

  /** The running refresh ended (successfully or not). Returns what to do about signals that arrived meanwhile. */
  finish(now: number): RefreshDecision {
    this.#inFlight = false;
    return this.poll(now);
  }

  #nextInterval(): number {
    return this.#minIntervalMs + (this.#jitterMs > 0 ? this.#random() * this.#jitterMs : 0);
  }
}
