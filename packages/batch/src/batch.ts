// GLIDE's standalone Batch (and the deprecated Transaction): one chainable
// method per command, generated from the same records as GlideClient's methods.
import { installCommandMethods } from "@petrel/commands";
import { BaseBatch } from "./base-batch.js";
import type { BatchCommandMethods } from "./generated/batch-methods.generated.js";
import { batchCommands } from "./records.js";

// The command methods, typed and documented by the generated declarations (installed on the
// prototype below).
export interface Batch extends BatchCommandMethods<Batch> {
  // MIGRATE takes one key or several here, one key on BaseBatch: the interface restates it so
  // that it wins over the base class's (editors show the documentation it inherits).
  migrate: BatchCommandMethods<Batch>["migrate"];
}

/**
 * Commands for a standalone client's `exec`: `new Batch(true)` runs them as a MULTI/EXEC
 * transaction, `new Batch(false)` as a pipeline. Every method returns the batch.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the generated methods.
export class Batch extends BaseBatch<Batch> {}

installCommandMethods(Batch.prototype, batchCommands, (self, command) =>
  (self as Batch).addCommand(command),
);

/** @deprecated Use `new Batch(true)`. */
export class Transaction extends Batch {
  constructor() {
    super(true);
  }
}
