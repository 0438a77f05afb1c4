// A batch on the wire: its commands written back to back (wrapped in MULTI …
// EXEC when atomic) as one WireRequest, so it shares the connection queue,
// timeouts and error handling with single commands.
import type { Command, ReplyContext } from "@petrel/commands";
import { type CommandArg, glideErrorFor, RequestError, type RespValue } from "@petrel/protocol";
import { classifyServerError } from "../connection/command-request.js";
import type { WireRequest } from "../connection/wire-request.js";
import { channels } from "../instrumentation/channels.js";
import { PerNodeReplies } from "./per-node-replies.js";

export interface BatchSendOptions {
  /** MULTI/EXEC: all or nothing, and `null` when a WATCHed key changed. */
  readonly atomic: boolean;
  /** Reject with the first failed command, instead of returning errors in their slots. */
  readonly raiseOnError: boolean;
}

const contexts: Record<2 | 3, ReplyContext> = {
  2: Object.freeze({ resp: 2 }),
  3: Object.freeze({ resp: 3 }),
};

/** One command's result inside a batch: its parsed reply, or its error as a value. */
function parseOne(command: Command<unknown>, reply: RespValue, resp: 2 | 3): unknown {
  if (reply instanceof RequestError) return classifyServerError(reply);
  try {
    if (reply instanceof PerNodeReplies) return parsePerNode(command, reply, resp);
    return command.spec.parse(reply, command, contexts[resp]);
  } catch (error) {
    return error instanceof RequestError
      ? error
      : new RequestError(`Unexpected reply: ${String(error)}`);
  }
}

/**
 * Each node's reply shaped by the command's parser; a node's error fails the command.
 * A customCommand's replies come as GLIDE gives them, a `{ key: address, value }` list.
 */
function parsePerNode(command: Command<unknown>, replies: PerNodeReplies, resp: 2 | 3): unknown {
  const shaped: Record<string, unknown> = {};
  for (const [address, raw] of Object.entries(replies.byNode)) {
    if (raw instanceof Error)
      throw raw instanceof RequestError ? classifyServerError(raw) : new RequestError(raw.message);
    shaped[address] = command.spec.parse(raw as RespValue, command, contexts[resp]);
  }
  if (command.spec.glideName !== "CustomCommand") return shaped;
  return Object.entries(shaped).map(([key, value]) => ({ key, value }));
}

export class BatchRequest implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  settled = false;
  readonly wireCommands: readonly (readonly CommandArg[])[];
  /** Replies consumed so far (MULTI and EXEC included). */
  #received = 0;
  /** A transaction's replies, interpreted once EXEC has answered. */
  readonly #replies: RespValue[] = [];
  /** A pipeline's results, parsed as the replies arrive (while later ones are on their way). */
  readonly #results: unknown[] = [];
  #firstError: RequestError | undefined;

  readonly #onSettled: (request: BatchRequest) => void;
  readonly #resolve: (results: unknown[] | null) => void;
  readonly #reject: (error: Error) => void;

  constructor(
    readonly commands: readonly Command<unknown>[],
    readonly options: BatchSendOptions,
    readonly asBuffers: boolean,
    readonly requestId: number,
    /** 0 = no timeout. */
    readonly timeoutMs: number,
    onSettled: (request: BatchRequest) => void,
    resolve: (results: unknown[] | null) => void,
    reject: (error: Error) => void,
  ) {
    this.#onSettled = onSettled;
    this.#resolve = resolve;
    this.#reject = reject;
    const args = new Array<CommandArg[]>(commands.length);
    for (let index = 0; index < commands.length; index++)
      args[index] = (commands[index] as Command<unknown>).args;
    this.wireCommands = options.atomic ? [["MULTI"], ...args, ["EXEC"]] : args;
  }

  accept(reply: RespValue, resp: 2 | 3): boolean {
    const index = this.#received++;
    const done = this.#received >= this.wireCommands.length;
    if (this.options.atomic) {
      this.#replies.push(reply);
      if (done && !this.settled) this.#finishTransaction(resp);
      return done;
    }
    if (!this.settled) {
      const result = parseOne(this.commands[index] as Command<unknown>, reply, resp);
      if (result instanceof RequestError) this.#firstError ??= result;
      this.#results.push(result);
      if (done) {
        if (this.#firstError !== undefined && this.options.raiseOnError)
          this.fail(this.#firstError);
        else this.#succeed(this.#results);
      }
    }
    return done;
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.#onSettled(this);
    this.#publishEnd(error);
    this.#reject(error);
  }

  #finishTransaction(resp: 2 | 3): void {
    const outcome = this.#interpret(resp);
    if (outcome instanceof Error) this.fail(outcome);
    else this.#succeed(outcome);
  }

  /** The transaction's results, `null` for a WATCH abort, or the error the batch rejects with. */
  #interpret(resp: 2 | 3): unknown[] | null | Error {
    const multi = this.#replies[0];
    const exec = this.#replies[this.#replies.length - 1];
    if (multi instanceof RequestError) return classifyServerError(multi);
    // EXECABORT: a command was refused while queueing; nothing ran. GLIDE reports the first
    // refusal's message, which says what was wrong.
    if (exec instanceof RequestError) return this.#discarded(exec);
    if (exec === null) return null;
    if (!Array.isArray(exec) || exec.length !== this.commands.length) {
      return new RequestError("EXEC returned an unexpected reply");
    }
    const results: unknown[] = [];
    for (let index = 0; index < this.commands.length; index++) {
      const result = parseOne(
        this.commands[index] as Command<unknown>,
        exec[index] as RespValue,
        resp,
      );
      if (result instanceof RequestError && this.options.raiseOnError) return result;
      results.push(result);
    }
    return results;
  }

  /** The error of a transaction EXEC discarded: the first refused command's, as GLIDE reports. */
  #discarded(exec: RequestError): RequestError {
    const execText = exec.serverMessage;
    for (let index = 1; index < this.#replies.length - 1 && execText !== undefined; index++) {
      const refusal = this.#replies[index];
      if (refusal instanceof RequestError && refusal.serverMessage !== undefined)
        return glideErrorFor(refusal.serverMessage, execText);
    }
    return classifyServerError(exec);
  }

  #succeed(results: unknown[] | null): void {
    this.settled = true;
    this.#onSettled(this);
    this.#publishEnd(undefined);
    this.#resolve(results);
  }

  #publishEnd(error: Error | undefined): void {
    if (channels.commandEnd.hasSubscribers) {
      channels.commandEnd.publish({ requestId: this.requestId, error, endTime: performance.now() });
    }
  }
}
