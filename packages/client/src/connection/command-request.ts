// A user's command on its way: settles its promise exactly once, from a reply,
// a timeout, a lost connection or close(). It is its own timer-heap entry and
// queue item, so a request costs one object besides its promise.
import type { Command, ReplyContext } from "@petrel/commands";
import { type CommandArg, glideServerError, RequestError, type RespValue } from "@petrel/protocol";
import { channels } from "../instrumentation/channels.js";
import type { WireRequest } from "./wire-request.js";

/** What a request reports back to the client that made it. */
export interface RequestOwner {
  /** The request settled; remove its timer, free its inflight slot. */
  requestSettled(request: CommandRequest<unknown>): void;
  /**
   * The server refused the request with an error. Returns true when the owner took the
   * request back (e.g. READONLY after a failover: it re-sends it to the new primary).
   */
  serverErrorHandled(request: CommandRequest<unknown>, error: RequestError): boolean;
}

const contexts: Record<2 | 3, ReplyContext> = {
  2: Object.freeze({ resp: 2 }),
  3: Object.freeze({ resp: 3 }),
};

/** Turns a server error into the error its caller sees: GLIDE's class and message. */
export const classifyServerError: (error: RequestError) => RequestError = glideServerError;

export class CommandRequest<T> implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  settled = false;
  /** READONLY retries so far. */
  retries = 0;
  readonly #owner: RequestOwner;
  readonly #resolve: (value: T) => void;
  readonly #reject: (error: Error) => void;

  constructor(
    readonly command: Command<T>,
    readonly asBuffers: boolean,
    readonly requestId: number,
    readonly timeoutMs: number,
    owner: RequestOwner,
    resolve: (value: T) => void,
    reject: (error: Error) => void,
  ) {
    this.#owner = owner;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  get wireCommands(): readonly (readonly CommandArg[])[] {
    return [this.command.args];
  }

  /** The one command, without the array `wireCommands` makes. */
  get singleCommand(): readonly CommandArg[] {
    return this.command.args;
  }

  accept(reply: RespValue, resp: 2 | 3): boolean {
    if (this.settled) return true;
    if (reply instanceof RequestError) {
      const error = classifyServerError(reply);
      if (!this.#owner.serverErrorHandled(this as CommandRequest<unknown>, error)) this.fail(error);
      return true;
    }
    let value: T;
    try {
      value = this.command.spec.parse(reply, this.command, contexts[resp]);
    } catch (error) {
      this.fail(
        error instanceof RequestError
          ? error
          : new RequestError(`Unexpected reply: ${String(error)}`),
      );
      return true;
    }
    this.complete(value);
    return true;
  }

  /** Resolves with a value already shaped (the cluster client combines several replies). */
  complete(value: T): void {
    if (this.settled) return;
    this.settled = true;
    this.#owner.requestSettled(this as CommandRequest<unknown>);
    if (channels.commandEnd.hasSubscribers) {
      channels.commandEnd.publish({
        requestId: this.requestId,
        error: undefined,
        endTime: performance.now(),
      });
    }
    this.#resolve(value);
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.#owner.requestSettled(this as CommandRequest<unknown>);
    if (channels.commandEnd.hasSubscribers) {
      channels.commandEnd.publish({ requestId: this.requestId, error, endTime: performance.now() });
    }
    this.#reject(error);
  }

  /** Makes the request sendable again after the owner took it back. */
  rearm(): void {
    this.written = false;
  }
}
