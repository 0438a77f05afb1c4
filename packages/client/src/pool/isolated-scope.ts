// A connection of its own for connection-state commands. A GlideClient multiplexes every
// caller on one connection (a GlideClusterClient on one per node), so two callers'
// WATCH/MULTI/EXEC would interleave there; a scope holds a pool client for one callback and
// refuses use once the callback has returned.
import type { DecoderOption, GlideReturnType, GlideString } from "@petrel/commands";
import { ClosingError } from "@petrel/protocol";
import type { ExecutableBatch } from "../batch/executable-batch.js";
import type { ClusterBatchOptions } from "../cluster/config.js";
import type { GlideClient } from "../standalone/glide-client.js";
import type { PooledClient } from "./pool-config.js";

const ENDED_MESSAGE = "IsolatedScope used after its callback returned";

/** The options of `exec` on a scope's client: a cluster client's take its batch options. */
export type IsolatedExecOptions<C extends PooledClient> = (C extends GlideClient
  ? { timeout?: number }
  : ClusterBatchOptions) &
  DecoderOption;

let endScope: (scope: IsolatedScope<PooledClient>) => void;

/**
 * The argument of {@link ClientPool.isolated}: a client whose connections serve this callback
 * alone, so a WATCH made here is not disturbed by other callers' commands. In a pool of
 * cluster clients, WATCH and the transaction go to the node owning their keys' slot (keep
 * them in one slot with a hash tag such as `{acct}:1`), on the scope's own connection to it.
 */
export class IsolatedScope<C extends PooledClient = GlideClient> {
  #client: C | undefined;

  static {
    endScope = (scope) => {
      scope.#client = undefined;
    };
  }

  /** @internal The pool creates scopes; `client` is lent to this scope alone. */
  constructor(client: C) {
    this.#client = client;
  }

  /**
   * The scope's own client, for any command (reads of WATCHed keys, SELECT, CLIENT SETNAME…).
   * Throws ClosingError once the callback has returned.
   */
  get client(): C {
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
   * Forgets the keys this scope WATCHed (on a cluster client, on every primary: GLIDE's
   * default route).
   *
   * @see https://valkey.io/commands/unwatch/
   */
  unwatch(): Promise<"OK"> {
    if (this.#client === undefined) return Promise.reject(new ClosingError(ENDED_MESSAGE));
    return this.#client.unwatch();
  }

  /**
   * Runs `batch` on this scope's connection, as the client's `exec`: an atomic batch is a
   * MULTI/EXEC transaction that returns null when a WATCHed key changed.
   *
   * @see https://valkey.io/commands/exec/
   */
  exec(
    batch: ExecutableBatch,
    raiseOnError: boolean,
    options?: IsolatedExecOptions<C>,
  ): Promise<GlideReturnType[] | null> {
    if (this.#client === undefined) return Promise.reject(new ClosingError(ENDED_MESSAGE));
    // Both clients' exec take (batch, raiseOnError, options); IsolatedExecOptions<C> is C's.
    return (this.#client as GlideClient).exec(batch, raiseOnError, options);
  }
}

/** Ends `scope`: later use rejects with ClosingError. */
export function endIsolatedScope(scope: IsolatedScope<PooledClient>): void {
  endScope(scope);
}
