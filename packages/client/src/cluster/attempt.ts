// One try of a cluster request on one connection: the command (or a whole
// MULTI … EXEC block), after `ASKING` when following an ASK redirect, back
// to back on the same connection (docs/cluster-protocol.md §4). It resolves with the raw replies (server errors as values) so the
// retry loop decides what a MOVED or TRYAGAIN means. Its `settled` follows the user's request, so a
// connection drops the reply of a request that already timed out.
import type { CommandArg, RespValue } from "@petrel/protocol";
import type { WireRequest } from "../connection/wire-request.js";

/** How an attempt ended. */
export type AttemptOutcome =
  /** The server answered: `reply` is the last reply, `replies` all but ASKING's. */
  | {
      readonly kind: "reply";
      readonly reply: RespValue;
      readonly replies: readonly RespValue[];
      readonly resp: 2 | 3;
    }
  /** The connection failed; `written` tells whether the server may have run the command. */
  | { readonly kind: "lost"; readonly error: Error; readonly written: boolean }
  /** Taken back before it was written (the node it waited for went away). */
  | { readonly kind: "withdrawn" };

const ASKING: readonly CommandArg[] = ["ASKING"];

/** The user's request as the attempt sees it. */
export interface AttemptParent {
  readonly requestId: number;
  readonly settled: boolean;
  readonly asBuffers: boolean;
}

export class Attempt implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  readonly wireCommands: readonly (readonly CommandArg[])[];
  readonly outcome: Promise<AttemptOutcome>;
  #finished = false;
  readonly #replies: RespValue[] = [];
  readonly #asking: boolean;
  #resolveOutcome!: (outcome: AttemptOutcome) => void;

  readonly #parent: AttemptParent;

  constructor(
    parent: AttemptParent,
    commands: readonly (readonly CommandArg[])[],
    asking: boolean,
  ) {
    this.#parent = parent;
    this.#asking = asking;
    this.wireCommands = asking ? [ASKING, ...commands] : commands;
    this.outcome = new Promise<AttemptOutcome>((resolve) => {
      this.#resolveOutcome = resolve;
    });
  }

  /** Read by NodeConnection to tag sendStart/sendEnd with the user's request. */
  get requestId(): number {
    return this.#parent.requestId;
  }

  get asBuffers(): boolean {
    return this.#parent.asBuffers;
  }

  get settled(): boolean {
    return this.#finished || this.#parent.settled;
  }

  accept(reply: RespValue, resp: 2 | 3): boolean {
    this.#replies.push(reply);
    if (this.#replies.length < this.wireCommands.length) return false;
    const replies = this.#asking ? this.#replies.slice(1) : this.#replies;
    this.#finish({ kind: "reply", reply, replies, resp });
    return true;
  }

  fail(error: Error): void {
    this.#finish({ kind: "lost", error, written: this.written });
  }

  /** Takes the attempt back if it has not been written yet. Returns true when it was. */
  withdraw(): boolean {
    if (this.written || this.#finished) return false;
    this.#finish({ kind: "withdrawn" });
    return true;
  }

  #finish(outcome: AttemptOutcome): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#resolveOutcome(outcome);
  }
}
