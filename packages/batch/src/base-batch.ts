// What every batch is: an ordered queue of Commands and whether it runs as a
// MULTI/EXEC transaction. The clients' `exec` reads exactly these two fields,
// so any object of this shape can be executed; the clients never import this package.
import type { Command } from "@petrel/commands";
import type { BaseBatchCommandMethods } from "./generated/batch-methods.generated.js";

/** The command methods every batch has; each queues its command and returns the batch `T`. */
export interface BaseBatch<T extends BaseBatch<T>> extends BaseBatchCommandMethods<T> {}

/**
 * GLIDE's base of `Batch` and `ClusterBatch`: an ordered queue of commands and whether it runs as
 * a transaction. Its command methods are installed on the subclasses.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the installed methods.
// biome-ignore lint/correctness/noUnusedVariables: T is what the interface's methods return.
export class BaseBatch<T extends BaseBatch<T>> {
  /** true: a MULTI/EXEC transaction (all or nothing); false: a pipeline. */
  readonly isAtomic: boolean;
  readonly #queued: Command<unknown>[] = [];

  constructor(isAtomic: boolean) {
    if (typeof isAtomic !== "boolean") {
      throw new TypeError(`${new.target.name}(isAtomic) needs a boolean, got ${typeof isAtomic}`);
    }
    this.isAtomic = isAtomic;
  }

  /** The queued commands, in the order they were added. */
  get commands(): readonly Command<unknown>[] {
    return this.#queued;
  }

  /** How many commands are queued. */
  get size(): number {
    return this.#queued.length;
  }

  /** Queues a Command built by @petrel/commands (the generated methods all come here). */
  addCommand(command: Command<unknown>): this {
    this.#queued.push(command);
    return this;
  }
}
