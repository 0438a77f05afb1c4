// A batch on the wire: its commands written back to back (wrapped in MULTI …
// EXEC when atomic) as one WireRequest, so it shares the connection queue,
// timeouts and error handling with single commands.
import type { Command, ReplyContext } from "@petrel/commands";
import { type CommandArg, RequestError, type RespValue } from "@petrel/protocol";
import { classifyServerError } from "../connection/command-request.js";
import type { WireRequest } from "../connection/wire-request.js";
import { channels } from "../instrumentation/channels.js";

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
    return command.spec.parse(reply, command, contexts[resp]);
  } catch (error) {
    return error instanceof RequestError
      ? error
      : new RequestError(`Unexpected reply: ${String(error)}`);
  }
}

export class BatchRequest implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  settled = false;
  readonly wireCommands: readonly (readonly CommandArg[])[];
  private readonly replies: RespValue[] = [];

  constructor(
    readonly commands: readonly Command<unknown>[],
    readonly options: BatchSendOptions,
    readonly asBuffers: boolean,
    readonly requestId: number,
    /** 0 = no timeout. */
    readonly timeoutMs: number,
    private readonly onSettled: (request: BatchRequest) => void,
    private readonly resolve: (results: unknown[] | null) => void,
    private readonly reject: (error: Error) => void,
  ) {
    const args = commands.map((command) => command.args);
    this.wireCommands = options.atomic ? [["MULTI"], ...args, ["EXEC"]] : args;
  }

  accept(reply: RespValue, resp: 2 | 3): boolean {
    this.replies.push(reply);
    if (this.replies.length < this.wireCommands.length) return false;
    if (!this.settled) this.finish(resp);
    return true;
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled(this);
    this.publishEnd(error);
    this.reject(error);
  }

  private finish(resp: 2 | 3): void {
    const outcome = this.interpret(resp);
    if (outcome instanceof Error) this.fail(outcome);
    else this.succeed(outcome);
  }

  /** The batch's results, `null` for a WATCH abort, or the error the batch rejects with. */
  private interpret(resp: 2 | 3): unknown[] | null | Error {
    let replies: readonly RespValue[] = this.replies;
    if (this.options.atomic) {
      const multi = this.replies[0];
      const exec = this.replies[this.replies.length - 1];
      if (multi instanceof RequestError) return classifyServerError(multi);
      // EXECABORT: a command was refused while queueing; nothing ran.
      if (exec instanceof RequestError) return classifyServerError(exec);
      if (exec === null) return null;
      if (!Array.isArray(exec) || exec.length !== this.commands.length) {
        return new RequestError("EXEC returned an unexpected reply");
      }
      replies = exec as RespValue[];
    }
    const results: unknown[] = [];
    for (let index = 0; index < this.commands.length; index++) {
      const result = parseOne(
        this.commands[index] as Command<unknown>,
        replies[index] as RespValue,
        resp,
      );
      if (result instanceof RequestError && this.options.raiseOnError) return result;
      results.push(result);
    }
    return results;
  }

  private succeed(results: unknown[] | null): void {
    this.settled = true;
    this.onSettled(this);
    this.publishEnd(undefined);
    this.resolve(results);
  }

  private publishEnd(error: Error | undefined): void {
    if (channels.commandEnd.hasSubscribers) {
      channels.commandEnd.publish({ requestId: this.requestId, error, endTime: performance.now() });
    }
  }
}
