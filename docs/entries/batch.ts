/**
 * Batch and ClusterBatch: transactions and pipelines for exec.
 * @module @petrel/batch
 */
export * from "@petrel/batch";
