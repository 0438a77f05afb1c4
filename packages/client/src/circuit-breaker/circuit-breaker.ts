// GLIDE's client circuit breaker (`clientCircuitBreaker`): a sliding window of
// request outcomes; when at least `minErrors` transport errors make up at least
// `failureRateThreshold` of the window, the breaker opens and requests are refused
// with CircuitBreakerError. After `openTimeoutMs` it turns half-open and lets all
// traffic through; `consecutiveSuccesses` successes in a row close it, a failure
// opens it again (except up to two failures of requests sent before the trip,
// recognised by the in-flight count having fallen since: stragglers). These are
// the states, defaults and rules of GLIDE's core (glide-core client/circuit_breaker.rs).
import { Logger } from "../logger.js";

/** GLIDE's `ClientCircuitBreakerConfiguration`; every field optional, with GLIDE's defaults. */
export interface ClientCircuitBreakerConfiguration {
  /** Sliding window duration in milliseconds for error rate calculation. Default: 10000. */
  windowSizeMs?: number;
  /** Error rate (0.0-1.0) within the window to trip the breaker. Default: 0.5. */
  failureRateThreshold?: number;
  /** Minimum errors within the window before the rate is evaluated. Default: 50. */
  minErrors?: number;
  /** Time in milliseconds in the Open state before allowing a probe. Default: 5000. */
  openTimeoutMs?: number;
  /** Whether timeouts count toward tripping. Default: false. */
  countTimeouts?: boolean;
  /** Consecutive successful probes needed before closing. Default: 3. */
  consecutiveSuccesses?: number;
}

/** The configuration with GLIDE's defaults applied. */
export type ResolvedCircuitBreaker = Readonly<Required<ClientCircuitBreakerConfiguration>>;

export const CIRCUIT_BREAKER_DEFAULTS: ResolvedCircuitBreaker = {
  windowSizeMs: 10_000,
  failureRateThreshold: 0.5,
  minErrors: 50,
  openTimeoutMs: 5000,
  countTimeouts: false,
  consecutiveSuccesses: 3,
};

/** GLIDE core's text for a refused request. */
export const CIRCUIT_BREAKER_OPEN_MESSAGE = "Client circuit breaker is open - core unhealthy";

/** The window keeps at most this many outcomes (GLIDE's cap), the oldest dropped first. */
const MAX_WINDOW_RECORDS = 10_000;
/** Failures of pre-trip requests forgiven per half-open period. */
const MAX_STRAGGLERS = 2;

export type CircuitState = "closed" | "open" | "halfOpen";

/**
 * What a request's end tells the breaker: a reply, a transport failure (the connection was
 * lost or could not be made), or a timeout (an error only with `countTimeouts`).
 */
export type Outcome = "success" | "error" | "timeout";

/** One breaker: client-wide for a standalone client, one per node for a cluster client. */
export class CircuitBreaker {
  readonly #config: ResolvedCircuitBreaker;
  readonly #now: () => number;
  readonly #label: string;
  #state: CircuitState = "closed";
  // The window as a ring of (time, isError), oldest at #head.
  readonly #times = new Float64Array(MAX_WINDOW_RECORDS);
  readonly #errorFlags = new Uint8Array(MAX_WINDOW_RECORDS);
  #head = 0;
  #size = 0;
  #errors = 0;
  #openedAt = 0;
  #successesInARow = 0;
  #stragglersForgiven = 0;
  #inflightAtTrip = 0;
  #trips = 0;
  #rejections = 0;

  constructor(
    config: ResolvedCircuitBreaker,
    label: string,
    now: () => number = performance.now.bind(performance),
  ) {
    this.#config = config;
    this.#label = label;
    this.#now = now;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Times the breaker opened from closed. */
  get tripCount(): number {
    return this.#trips;
  }

  /** Requests refused since the breaker last closed. */
  get rejectionCount(): number {
    return this.#rejections;
  }

  /** True when a request may be sent; turns an open breaker half-open once its time is up. */
  allows(): boolean {
    if (this.#state !== "open") return true;
    if (this.#now() - this.#openedAt >= this.#config.openTimeoutMs) {
      this.#state = "halfOpen";
      this.#successesInARow = 0;
      this.#stragglersForgiven = 0;
      return true;
    }
    this.#rejections++;
    return false;
  }

  /** Records how a request ended; `inflight` is the number of requests still under way. */
  record(outcome: Outcome, inflight: number): void {
    const isError = outcome === "error" || (outcome === "timeout" && this.#config.countTimeouts);
    if (this.#state === "closed") this.#recordClosed(isError, inflight);
    else if (this.#state === "halfOpen") this.#recordProbe(isError, inflight);
    // Open: a late result of a request sent before the trip says nothing new.
  }

  #recordClosed(isError: boolean, inflight: number): void {
    const now = this.#now();
    if (this.#size === MAX_WINDOW_RECORDS) this.#evictOldest();
    const slot = (this.#head + this.#size) % MAX_WINDOW_RECORDS;
    this.#times[slot] = now;
    this.#errorFlags[slot] = isError ? 1 : 0;
    this.#size++;
    if (isError) this.#errors++;
    const oldest = now - this.#config.windowSizeMs;
    while (this.#size > 0 && (this.#times[this.#head] as number) < oldest) this.#evictOldest();
    if (
      this.#errors >= this.#config.minErrors &&
      this.#errors / this.#size >= this.#config.failureRateThreshold
    ) {
      this.#trip(now, inflight);
    }
  }

  #recordProbe(isError: boolean, inflight: number): void {
    if (!isError) {
      if (++this.#successesInARow < this.#config.consecutiveSuccesses) return;
      Logger.log(
        "info",
        "circuit_breaker",
        `${this.#label}: closed, ${this.#rejections} requests were rejected`,
      );
      this.#state = "closed";
      this.#clearWindow();
      this.#rejections = 0;
      return;
    }
    this.#successesInARow = 0;
    if (inflight < this.#inflightAtTrip && this.#stragglersForgiven < MAX_STRAGGLERS) {
      // Fewer requests under way than at the trip: an old request failing while they drain.
      this.#stragglersForgiven++;
      return;
    }
    this.#state = "open";
    this.#openedAt = this.#now();
    Logger.log(
      "warn",
      "circuit_breaker",
      `${this.#label}: probe failed, circuit breaker open again`,
    );
  }

  #trip(now: number, inflight: number): void {
    Logger.log(
      "warn",
      "circuit_breaker",
      `${this.#label}: tripped by ${this.#errors}/${this.#size} errors, open for ${this.#config.openTimeoutMs}ms`,
    );
    this.#state = "open";
    this.#openedAt = now;
    this.#successesInARow = 0;
    this.#inflightAtTrip = inflight;
    this.#trips++;
    this.#clearWindow();
  }

  #evictOldest(): void {
    if (this.#errorFlags[this.#head] === 1) this.#errors--;
    this.#head = (this.#head + 1) % MAX_WINDOW_RECORDS;
    this.#size--;
  }

  #clearWindow(): void {
    this.#head = 0;
    this.#size = 0;
    this.#errors = 0;
  }
}
