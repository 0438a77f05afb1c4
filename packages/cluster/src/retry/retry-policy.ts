// What a cluster request may do to succeed: which refusals send it again,
// whether it may be sent twice, and how many times each thing may happen.
// One policy object per kind of request; the decisions that read it are in
// decide-retry.ts. The rules are written in docs/cluster-protocol.md.

/** The counters a request spends as it is sent again; each has its limit. */
export type RetryBudget =
  /** MOVED and ASK hops, together. */
  | "redirections"
  /** TRYAGAIN and MASTERDOWN retries (sends = retries + 1). */
  | "tryAgain"
  /** CLUSTERDOWN retries, each after a refresh. */
  | "clusterDown"
  /** READONLY retries (a write reached a demoted primary), each after a refresh. */
  | "readOnly"
  /** LOADING retries. */
  | "loading"
  /** Re-sends after the connection was lost (never written, or written when allowed). */
  | "unwritten";

/** How often each budget may be spent by one request (or one part of a split request). */
export type RetryLimits = Readonly<Record<RetryBudget, number>>;

/** What one request has spent so far; a missing counter is zero. */
export type RetryCounts = Record<RetryBudget, number>;

/** The bounds every cluster request runs under, above which the request timeout still holds. */
export const RETRY_LIMITS: RetryLimits = Object.freeze({
  redirections: 16,
  tryAgain: 5,
  clusterDown: 5,
  readOnly: 3,
  loading: 3,
  unwritten: 3,
});

/**
 * What a request allows the retry loop. MOVED and ASK are always followed (within
 * `limits.redirections`), an ASK always with `ASKING` first on the target's connection.
 */
export interface RetryPolicy {
  /**
   * The request is a whole MULTI … EXEC block, judged by its replies together: only the
   * refusals after which the server ran nothing (MOVED, ASK, TRYAGAIN, CLUSTERDOWN) send it
   * again; READONLY, LOADING and MASTERDOWN are left in the replies.
   */
  readonly atomic: boolean;
  /** TRYAGAIN, MASTERDOWN and CLUSTERDOWN send the request again (GLIDE's `retryServerError`). */
  readonly retryServerError: boolean;
  /**
   * A request lost with its connection after it was written is sent again: it may run twice
   * (GLIDE's `retryConnectionError`). Without it, only requests never written are re-sent.
   */
  readonly retryConnectionError: boolean;
  readonly limits: RetryLimits;
}

function policy(
  atomic: boolean,
  retryServerError: boolean,
  retryConnectionError: boolean,
): RetryPolicy {
  return Object.freeze({ atomic, retryServerError, retryConnectionError, limits: RETRY_LIMITS });
}

/** A single command: every refusal is retried; a written command is never sent twice. */
export const COMMAND_RETRY_POLICY: RetryPolicy = policy(false, true, false);

/** An atomic batch (MULTI … EXEC): re-sent whole after a redirect, TRYAGAIN or CLUSTERDOWN. */
export const TRANSACTION_RETRY_POLICY: RetryPolicy = policy(true, true, false);

const PIPELINE_RETRY_POLICIES: readonly RetryPolicy[] = [
  policy(false, false, false),
  policy(false, true, false),
  policy(false, false, true),
  policy(false, true, true),
];

/** The retry strategy of a cluster pipeline's `exec` options, as one of four shared policies. */
export interface PipelineRetryStrategy {
  readonly retryServerError: boolean;
  readonly retryConnectionError: boolean;
}

/**
 * The policy of a command inside a non-atomic batch: redirects, READONLY and LOADING are
 * always followed; TRYAGAIN-like errors and lost sub-pipelines only as `strategy` allows.
 */
export function pipelineRetryPolicy(strategy?: PipelineRetryStrategy): RetryPolicy {
  const index =
    (strategy?.retryServerError === true ? 1 : 0) +
    (strategy?.retryConnectionError === true ? 2 : 0);
  return PIPELINE_RETRY_POLICIES[index] as RetryPolicy;
}
