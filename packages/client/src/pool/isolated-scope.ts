// A connection of its own for connection-state commands. A GlideClient multiplexes every
// caller on one connection, so two callers' WATCH/MULTI/EXEC would interleave there; a scope
// holds a pool client for one callback and refuses use once the callback has returned.
import type { DecoderOption, GlideReturnType, GlideString } from "@petrel/commands";
import { ClosingError } from "@petrel/protocol";
import type { ExecutableBatch } from "../batch/executable-batch.js";
import type { GlideClient } from "../standalone/glide-client.js";

const ENDED_MESSAGE = "IsolatedScope used after its callback returned";

let endScope: (scope: IsolatedScope) => void;

/**
 * The argument of {@link ClientPool.isolated}: a client whose connection serves this callback
 * alone, so a WATCH made here is not disturbed by other callers' commands.
 */
export class IsolatedScope {
  #client: GlideClient | undefined;

  static {
    endScope = (scope) => {
      scope.#client = undefined;
    };
  }

  /** @internal The pool creates scopes; `client` is lent to this scope alone. */
  constructor(client: GlideClient) {
    this.#client = client;
  }

  /**
   * The scope's own client, for any command (reads of WATCHed keys, SELECT, CLIENT SETNAME…).
   * Throws ClosingError once the callback has returned.
   */
  get client(): GlideClient {
    if (this.#client === undefined) throw new ClosingError(ENDED_MESSAGE);
    return this.#client;
  }

  /**
   * Marks `keys` for the next transaction (`exec` of an atomic batch) on this scope: it
   * returns null if another client changed one of them meanwhile.
   *
   * @see https://valkey.io/commands/watch/
   */
  watch(keys: GlideString[]): Promise<"OK"> {
    if (this.#client === undefined) return Promise.reject(new ClosingError(ENDED_MESSAGE));
    return this.#client.watch(keys);
  }

  /**
   * Forgets the keys this scope WATCHed.
   *
   * @see https://valkey.io/commands/unwatch/
   */
  unwatch(): Promise<"OK"> {
    if (this.#client === undefined) return Promise.reject(new ClosingError(ENDED_MESSAGE));
    return this.#client.unwatch();
  }

  /**
   * Runs `batch` on this scope's connection, as {@link GlideClient.exec}: an atomic batch is a
   * MULTI/EXEC transaction that returns null when a WATCHed key changed.
   *
   * @see https://valkey.io/commands/exec/
   */
  exec(
    batch: ExecutableBatch,
    raiseOnError: boolean,
    options?: { timeout?: number } & DecoderOption,
  ): Promise<GlideReturnType[] | null> {
    if (this.#client === undefined) return Promise.reject(new ClosingError(ENDED_MESSAGE));
    return this.#client.exec(batch, raiseOnError, options);
  }
}

/** Ends `scope`: later use rejects with ClosingError. */
export function endIsolatedScope(scope: IsolatedScope): void {
  endScope(scope);
}
