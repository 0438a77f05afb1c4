// A WireRequest the client itself makes (handshake, AUTH, INFO): it resolves
// with the raw replies, server errors included as values, so the caller decides.
import type { CommandArg, RespValue } from "@petrel/protocol";
import type { DeadlineQueue } from "./deadline-queue.js";
import type { WireRequest } from "./wire-request.js";

export class InternalRequest implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  settled = false;
  readonly asBuffers = false;
  readonly promise: Promise<RespValue[]>;
  readonly #replies: RespValue[] = [];
  #resolve!: (replies: RespValue[]) => void;
  #reject!: (error: Error) => void;
  readonly #deadlines: DeadlineQueue<WireRequest> | undefined;

  constructor(
    readonly wireCommands: readonly (readonly CommandArg[])[],
    deadlines?: DeadlineQueue<WireRequest>,
  ) {
    this.#deadlines = deadlines;
    this.promise = new Promise<RespValue[]>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  accept(reply: RespValue): boolean {
    this.#replies.push(reply);
    if (this.#replies.length < this.wireCommands.length) return false;
    if (!this.settled) {
      this.settled = true;
      this.#deadlines?.remove(this);
      this.#resolve(this.#replies);
    }
    return true;
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.#deadlines?.remove(this);
    this.#reject(error);
  }
}
