// @petrel/batch: GLIDE's Batch and ClusterBatch, generated from @petrel/commands.
export { BaseBatch } from "./base-batch.js";
export { Batch, Transaction } from "./batch.js";
export { ClusterBatch, ClusterTransaction } from "./cluster-batch.js";
export type {
  BaseBatchCommandMethods,
  BatchCommandMethods,
  ClusterBatchCommandMethods,
} from "./generated/batch-methods.generated.js";
export type {
  BaseBatchOptions,
  BatchOptions,
  BatchRetryStrategy,
  ClusterBatchOptions,
  ClusterBatchRetryStrategy,
} from "./options.js";
export { baseBatchCommands, batchCommands, clusterBatchCommands } from "./records.js";
