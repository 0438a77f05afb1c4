// GLIDE's ClusterBatch (and the deprecated ClusterTransaction): one chainable
// method per command, generated from the same records as GlideClusterClient's.
// The cluster client routes a batch as a whole, so methods take no routes.
import { installCommandMethods } from "@petrel/commands";
import { BaseBatch } from "./base-batch.js";
import type { ClusterBatchCommandMethods } from "./generated/batch-methods.generated.js";
import { clusterBatchCommands } from "./records.js";

// The command methods, typed and documented by the generated declarations (installed on the
// prototype below).
export interface ClusterBatch extends ClusterBatchCommandMethods<ClusterBatch> {}

/**
 * Commands for a cluster client's `exec`. `new ClusterBatch(true)` is a transaction: every key
 * must hash to one slot, or `exec` rejects it before sending anything. `new ClusterBatch(false)`
 * is a pipeline that may span slots and nodes. Every method returns the batch.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the generated methods.
export class ClusterBatch extends BaseBatch<ClusterBatch> {}

installCommandMethods(ClusterBatch.prototype, clusterBatchCommands, (self, command) =>
  (self as ClusterBatch).addCommand(command),
);

/** @deprecated Use `new ClusterBatch(true)`. */
export class ClusterTransaction extends ClusterBatch {
  constructor() {
    super(true);
  }
}
