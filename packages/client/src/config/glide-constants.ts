// GLIDE's exported defaults and limits, under GLIDE's names and with GLIDE 2.5's
// values. DEFAULTS (defaults.ts) reads the timeouts and the in-flight limit from
// here, so these are the values Petrel applies when a configuration leaves them out.
import { TimeoutError } from "@petrel/protocol";

/** The default `requestTimeout`, in milliseconds: how long a whole request may take. */
export const DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS: number = 250;

/**
 * The default `advancedConfiguration.connectionTimeout`, in milliseconds: how long opening
 * a connection (TCP, TLS, HELLO and authentication) may take.
 */
export const DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS: number = 2000;

/**
 * The default `inflightRequestsLimit`: requests a client may have awaiting replies at
 * once; further requests are rejected with a `RequestError` until some complete.
 */
export const DEFAULT_INFLIGHT_REQUESTS_LIMIT: number = 1000;

/**
 * GLIDE's threshold, in characters or bytes summed over a command's arguments, from which
 * GLIDE's Node layer hands the arguments to its Rust core by pointer instead of copying
 * them into its protobuf request. It is not a limit: larger commands are sent all the
 * same. Petrel has no native boundary to cross and writes arguments straight to the
 * socket, so nothing in Petrel depends on it; it is exported for code written for GLIDE
 * (for instance tests that build a command larger than it).
 */
export const MAX_REQUEST_ARGS_LEN: number = 4096;

/**
 * GLIDE's shared `TimeoutError` instance ("Operation timed out"). Neither GLIDE nor Petrel
 * rejects requests with this object: each timed-out request gets its own `TimeoutError`,
 * so test with `error instanceof TimeoutError`, not by identity.
 */
export const TIMEOUT_ERROR: TimeoutError = /* @__PURE__ */ new TimeoutError("Operation timed out");
