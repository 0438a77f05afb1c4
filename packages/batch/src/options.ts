// GLIDE's exec options, as types. The clients validate them at `exec`.
import type { SingleNodeRoute } from "@petrel/commands";

export interface BaseBatchOptions {
  /**
   * Milliseconds for the whole batch: sending, waiting, redirects and retries.
   * Default: the client's `requestTimeout`.
   */
  timeout?: number;
}

/** Options of `GlideClient.exec`. */
export type BatchOptions = BaseBatchOptions;

/**
 * Retries of a cluster pipeline (not allowed on transactions). Both default to false: the
 * affected commands then carry their errors.
 */
export interface ClusterBatchRetryStrategy {
  /**
   * Re-send commands refused with a retriable server error (TRYAGAIN, CLUSTERDOWN…). A retried
   * command may run after later commands of the same slot: results can reflect a reordering.
   */
  retryServerError: boolean;
  /**
   * Re-send a node's sub-pipeline after its connection failed. The server may already have run
   * some of it: commands can run twice.
   */
  retryConnectionError: boolean;
}

/** GLIDE's other name for the retry strategy. */
export type BatchRetryStrategy = ClusterBatchRetryStrategy;

/** Options of `GlideClusterClient.exec`. */
export interface ClusterBatchOptions extends BaseBatchOptions {
  /**
   * Send the whole batch to this node. A redirect re-sends a whole transaction, or only the
   * redirected commands of a pipeline.
   */
  route?: SingleNodeRoute;
  /** Pipelines only: see {@link ClusterBatchRetryStrategy}. */
  retryStrategy?: ClusterBatchRetryStrategy;
}
