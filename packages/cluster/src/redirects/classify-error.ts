// What a server error means for retrying, from its first word (the error
// code). The mapping follows GLIDE's retry methods and the refusals table of
// docs/cluster-protocol.md (§5); what the client does about each class is
// decided by decideRetry (../retry/decide-retry.ts).
import { isWellFormedRedirect } from "./parse-redirect.js";

export type ErrorClass =
  /** Slot served elsewhere for good: retry there, refresh the map. */
  | "moved"
  /** Slot migrating: retry this one request at the target after ASKING. */
  | "ask"
  /** Multi-key command mid-migration: wait briefly, retry. */
  | "tryAgain"
  /** Cluster down or slot not served: wait, refresh, retry. */
  | "clusterDown"
  /** Node loading its dataset: wait and retry (reads move to the primary). */
  | "loading"
  /** Write reached a demoted primary: refresh, retry. */
  | "readOnly"
  /** Replica lost its primary: wait and retry. */
  | "masterDown"
  /** Keys in different slots: a caller bug, never retried. */
  | "crossSlot"
  /** Authentication failed or is required: not retried on this connection. */
  | "auth"
  /** Transaction discarded by the server. */
  | "execAbort"
  /** Any other error, including malformed redirects: surfaced as is. */
  | "noRetry";

const byCode: ReadonlyMap<string, ErrorClass> = new Map<string, ErrorClass>([
  ["TRYAGAIN", "tryAgain"],
  ["CLUSTERDOWN", "clusterDown"],
  ["LOADING", "loading"],
  ["READONLY", "readOnly"],
  ["MASTERDOWN", "masterDown"],
  ["CROSSSLOT", "crossSlot"],
  ["NOAUTH", "auth"],
  ["WRONGPASS", "auth"],
  ["EXECABORT", "execAbort"],
]);

/** Classifies a server error message (the text after `-` or `!`). */
export function classifyError(message: string): ErrorClass {
  const space = message.indexOf(" ");
  const code = space === -1 ? message : message.slice(0, space);
  if (code === "MOVED" || code === "ASK") {
    // A malformed redirect is not followed: it is a plain error.
    if (!isWellFormedRedirect(message)) return "noRetry";
    return code === "MOVED" ? "moved" : "ask";
  }
  return byCode.get(code) ?? "noRetry";
}
