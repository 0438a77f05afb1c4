// What `exec` accepts: any object with `isAtomic` and a list of Commands
// (@petrel/batch's Batch and ClusterBatch, or a hand-made
// one). The client never imports a batch class; it checks the shape here.
import type { Command } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";

/** The structural contract of a batch: whether it is a transaction, and its commands in order. */
export interface ExecutableBatch {
  readonly isAtomic: boolean;
  readonly commands: readonly Command<unknown>[];
}

/** Retries of a cluster pipeline; both default to false. */
export interface ExecRetryStrategy {
  /** Re-send commands refused with TRYAGAIN-like errors (later commands may run first). */
  retryServerError: boolean;
  /** Re-send a node's sub-pipeline after a connection error (commands may run twice). */
  retryConnectionError: boolean;
}

function isCommand(value: unknown): value is Command<unknown> {
  if (typeof value !== "object" || value === null) return false;
  const { spec, args } = value as { spec?: { parse?: unknown }; args?: unknown };
  return Array.isArray(args) && typeof spec === "object" && typeof spec?.parse === "function";
}

/** Why `exec(batch, raiseOnError, { timeout })` cannot run, or undefined when it can. */
export function execArgumentsError(
  batch: unknown,
  raiseOnError: unknown,
  timeout: unknown,
): RequestError | undefined {
  if (typeof batch !== "object" || batch === null)
    return new RequestError(
      "exec needs a batch (new Batch(isAtomic) or new ClusterBatch(isAtomic))",
    );
  const { isAtomic, commands } = batch as { isAtomic?: unknown; commands?: unknown };
  if (typeof isAtomic !== "boolean")
    return new RequestError("exec: batch.isAtomic must be a boolean");
  if (!Array.isArray(commands)) return new RequestError("exec: batch.commands must be an array");
  const bad = commands.findIndex((command) => !isCommand(command));
  if (bad !== -1) return new RequestError(`exec: batch.commands[${bad}] is not a command`);
  if (typeof raiseOnError !== "boolean")
    return new RequestError("exec needs raiseOnError: true or false");
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) >= 0))
    return new RequestError("exec: timeout must be a non-negative integer (ms)");
  return undefined;
}

/** Why a cluster batch's retry strategy is unusable, or undefined when it is fine. */
export function retryStrategyError(isAtomic: boolean, strategy: unknown): RequestError | undefined {
  if (strategy === undefined) return undefined;
  if (typeof strategy !== "object" || strategy === null)
    return new RequestError(
      "exec: retryStrategy must be { retryServerError, retryConnectionError }",
    );
  const { retryServerError, retryConnectionError } = strategy as Partial<ExecRetryStrategy>;
  for (const [name, value] of [
    ["retryServerError", retryServerError],
    ["retryConnectionError", retryConnectionError],
  ] as const) {
    if (value !== undefined && typeof value !== "boolean")
      return new RequestError(`exec: retryStrategy.${name} must be a boolean`);
  }
  if (isAtomic)
    return new RequestError(
      "exec: retryStrategy is not supported for atomic batches (transactions); use a pipeline or drop the strategy",
    );
  return undefined;
}
