// Every default, once. The documentation and the tests read this object.
import { Decoder } from "@petrel/commands";
import {
  DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
  DEFAULT_INFLIGHT_REQUESTS_LIMIT,
  DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
} from "./glide-constants.js";
import { ProtocolVersion, type ReadFrom } from "./types.js";

export const DEFAULTS = {
  port: 6379,
  databaseId: 0,
  useTLS: false,
  requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
  /** Added to a blocking command's own block time. */
  blockingExtraMs: 500,
  readFrom: "primary" as ReadFrom,
  protocol: ProtocolVersion.RESP3,
  libName: "petrel",
  defaultDecoder: Decoder.String,
  inflightRequestsLimit: DEFAULT_INFLIGHT_REQUESTS_LIMIT,
  connectionBackoff: { numberOfRetries: 5, factor: 100, exponentBase: 2, jitterPercent: 20 },
  lazyConnect: false,
  connectionTimeoutMs: DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
  tcpNoDelay: true,
  /**
   * Idle time before TCP keepalive probes start; keepalive is always on. Node counts it in
   * whole seconds. GLIDE's core leaves it to the operating system (two hours on Linux), too
   * long to notice a peer that vanished behind a NAT or a failed host.
   */
  tcpKeepAliveInitialDelayMs: 5000,
  /** Between checks that the wanted subscriptions are the confirmed ones. */
  pubsubReconciliationIntervalMs: 3000,
  /**
   * A connection whose oldest written request already timed out, and that has sent nothing
   * for this long (or the request timeout, if longer), is presumed dead and replaced.
   */
  stalledConnectionMs: 1000,
  /** …or whose last this-many replies all went to requests that had timed out. */
  stalledDiscardedReplies: 3,
  /** Largest bulk string the decoder accepts (the server's proto-max-bulk-len default). */
  maxBulkLength: 512 * 1024 * 1024,
  /** Deepest reply nesting the decoder accepts. */
  maxReplyDepth: 128,
} as const;
