// GLIDE's standalone Batch (and the deprecated Transaction): one chainable
// method per command, generated from the same records as GlideClient's methods.
import { type BatchMethods, installCommandMethods } from "@petrel/commands";
import { BaseBatch } from "./base-batch.js";
import { batchCommands } from "./records.js";

// The generated command methods, typed (installed on the prototype below).
export interface Batch extends BatchMethods<typeof batchCommands, Batch> {}

/**
 * Commands for a standalone client's `exec`: `new Batch(true)` runs them as a MULTI/EXEC
 * transaction, `new Batch(false)` as a pipeline. Every method returns the batch.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the generated methods.
export class Batch extends BaseBatch {}

installCommandMethods(Batch.prototype, batchCommands, (self, command) =>
  (self as Batch).addCommand(command),
);

/** @deprecated Use `new Batch(true)`. */
export class Transaction extends Batch {
  constructor() {
    super(true);
  }
}
