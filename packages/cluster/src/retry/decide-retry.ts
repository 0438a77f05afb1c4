// The one decision of the cluster retry loop: a request's try ended badly
// (its connection was lost, or the server refused it); given the request's
// policy and what it has spent, what happens next? The client performs the
// answer (sends again, waits, refreshes, follows a redirect) and nothing else.
// The rules are those of docs/cluster-protocol.md.
import type { ErrorClass } from "../redirects/classify-error.js";
import { parseRedirect, type Redirect } from "../redirects/parse-redirect.js";
import type { RefreshReason } from "../refresh/refresh-policy.js";
import type { RetryBudget, RetryCounts, RetryPolicy } from "./retry-policy.js";

/** How a try ended, when it did not end with a reply to keep. */
export type RetryEvent =
  /** The connection failed; `written` when the server may have run the request. */
  | { readonly kind: "lost"; readonly written: boolean }
  /** The server answered with an error (`message`, without the leading `-`). */
  | {
      readonly kind: "refused";
      /** `classifyError(message)`, which the caller has already computed. */
      readonly errorClass: ErrorClass;
      readonly message: string;
      /** Host of the connection that answered: an empty redirect host means this one. */
      readonly connectionHost: string;
      /** The request went to a replica it is free to leave (not pinned to it). */
      readonly onReplica: boolean;
      /**
       * The request was routed to a replica on purpose (a replica route): READONLY there is
       * the server's answer to surface, not a sign of a demoted primary.
       */
      readonly routedToReplica: boolean;
    };

export type RetryDecision =
  /** The policy does not retry this: the outcome goes to the caller as it is. */
  | { readonly kind: "surface" }
  /** The policy retries this, but `budget` is spent: the outcome goes to the caller. */
  | { readonly kind: "exhausted"; readonly budget: RetryBudget }
  /** Send again to `redirect`'s node; spends `redirections`. */
  | {
      readonly kind: "redirect";
      readonly redirect: Redirect;
      /** ASK: `ASKING` first, on the same connection, back to back with the request. */
      readonly asking: boolean;
      /** MOVED: the slot map learns the slot's new owner (ASK leaves it alone). */
      readonly updateSlotMap: boolean;
    }
  /** Send again where the view says, after the refresh and wait it names; spends `budget`. */
  | {
      readonly kind: "retry";
      readonly budget: Exclude<RetryBudget, "redirections">;
      /** Refresh the topology first, for this reason. */
      readonly refresh: RefreshReason | undefined;
      /** Wait `retryDelayMs(spent)` first. */
      readonly wait: boolean;
      /** A read that hit a loading replica goes to the primary from now on. */
      readonly toPrimary: boolean;
    };

/** True when `policy` sends a request again after an error of `errorClass`. */
export function retriesOn(policy: RetryPolicy, errorClass: ErrorClass): boolean {
  switch (errorClass) {
    case "moved":
    case "ask":
      return true;
    case "tryAgain":
    case "clusterDown":
      return policy.retryServerError;
    case "masterDown":
      return policy.retryServerError && !policy.atomic;
    case "readOnly":
    case "loading":
      return !policy.atomic;
    default:
      return false;
  }
}

/** A fresh set of counters, all zero. */
export function emptyRetryCounts(): RetryCounts {
  return { redirections: 0, tryAgain: 0, clusterDown: 0, readOnly: 0, loading: 0, unwritten: 0 };
}

type Retry = Extract<RetryDecision, { readonly kind: "retry" }>;

const SURFACE: RetryDecision = Object.freeze({ kind: "surface" });

function retry(
  budget: Exclude<RetryBudget, "redirections">,
  refresh: RefreshReason | undefined,
  wait: boolean,
  toPrimary = false,
): Retry {
  return Object.freeze({ kind: "retry", budget, refresh, wait, toPrimary });
}

const AFTER_LOSS = retry("unwritten", "connectionError", false);
const AFTER_TRY_AGAIN = retry("tryAgain", undefined, true);
const AFTER_CLUSTER_DOWN = retry("clusterDown", "clusterDown", true);
const AFTER_READ_ONLY = retry("readOnly", "readOnly", false);
const AFTER_LOADING = retry("loading", undefined, true);
const AFTER_LOADING_REPLICA = retry("loading", undefined, false, true);

function exhausted(budget: RetryBudget): RetryDecision {
  return Object.freeze({ kind: "exhausted", budget });
}

const EXHAUSTED: Readonly<Record<RetryBudget, RetryDecision>> = {
  redirections: exhausted("redirections"),
  tryAgain: exhausted("tryAgain"),
  clusterDown: exhausted("clusterDown"),
  readOnly: exhausted("readOnly"),
  loading: exhausted("loading"),
  unwritten: exhausted("unwritten"),
};

/** `decision` if `budget` has room left under `policy`, else the exhausted decision. */
function within(
  policy: RetryPolicy,
  used: Readonly<RetryCounts> | undefined,
  decision: Retry,
): RetryDecision {
  const budget = decision.budget;
  return (used?.[budget] ?? 0) < policy.limits[budget] ? decision : EXHAUSTED[budget];
}

/**
 * What to do after `event`, for a request under `policy` that has spent `used` (undefined:
 * nothing yet). Pure: `used` is read, never changed; the caller counts the budget a
 * `redirect` (`redirections`) or `retry` (`budget`) decision names before sending again.
 */
export function decideRetry(
  policy: RetryPolicy,
  used: Readonly<RetryCounts> | undefined,
  event: RetryEvent,
): RetryDecision {
  if (event.kind === "lost") {
    // Written and lost: the server may have run it. Sent again only if duplicates are allowed.
    if (event.written && !policy.retryConnectionError) return SURFACE;
    return within(policy, used, AFTER_LOSS);
  }
  const errorClass = event.errorClass;
  if (!retriesOn(policy, errorClass)) return SURFACE;
  let decision: Retry;
  switch (errorClass) {
    case "moved":
    case "ask": {
      const redirect = parseRedirect(event.message, event.connectionHost);
      if (redirect === undefined) return SURFACE;
      if ((used?.redirections ?? 0) >= policy.limits.redirections) return EXHAUSTED.redirections;
      const ask = errorClass === "ask";
      return { kind: "redirect", redirect, asking: ask, updateSlotMap: !ask };
    }
    case "tryAgain":
    case "masterDown":
      decision = AFTER_TRY_AGAIN;
      break;
    case "clusterDown":
      decision = AFTER_CLUSTER_DOWN;
      break;
    case "readOnly":
      if (event.routedToReplica) return SURFACE;
      decision = AFTER_READ_ONLY;
      break;
    default:
      decision = event.onReplica ? AFTER_LOADING_REPLICA : AFTER_LOADING;
  }
  return within(policy, used, decision);
}

/**
 * Milliseconds to wait before the `retry`-th retry (1-based) of a wait-and-retry error:
 * doubling from 20 ms, capped at 200 ms, plus up to half again drawn from `random` ([0, 1)).
 */
export function retryDelayMs(retry: number, random: () => number): number {
  const base = Math.min(200, 10 * 2 ** retry);
  return base + Math.floor(random() * (base / 2));
}
