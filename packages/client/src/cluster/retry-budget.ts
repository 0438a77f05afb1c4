// How far the cluster client goes to make one request succeed. Every loop is
// bounded by these counts and, above them, by the request timeout.

export const RETRY_LIMITS = {
  /** MOVED and ASK hops per request. */
  redirections: 16,
  /** TRYAGAIN and MASTERDOWN retries (sends = retries + 1). */
  tryAgain: 5,
  /** CLUSTERDOWN retries, each after a refresh. */
  clusterDown: 5,
  /** READONLY retries (a write reached a demoted primary), each after a refresh. */
  readOnly: 3,
  /** LOADING retries. */
  loading: 3,
  /** Re-sends of requests that were never written (their node went away). */
  unwritten: 3,
} as const;

/** Milliseconds before the `attempt`-th retry (1-based) of a wait-and-retry error. */
export function retryDelayMs(attempt: number): number {
  const base = Math.min(200, 10 * 2 ** attempt);
  return base + Math.floor(Math.random() * (base / 2));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
