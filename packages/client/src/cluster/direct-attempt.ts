// The first try of a single-node command on a ready connection, without the
// retry loop's machinery: no promise, no outcome object, no tracking map. When
// the reply stands (a value, or an error the command policy does not retry) it
// settles the user's request itself; otherwise (MOVED, ASK, TRYAGAIN, a lost
// or withdrawn try) it hands its outcome to the retry loop, which carries on as
// if it had sent the try itself (docs/cluster-protocol.md).
import { COMMAND_RETRY_POLICY, classifyError, type NodeTarget, retriesOn } from "@petrel/cluster";
import type { CommandArg, RespValue } from "@petrel/protocol";
import { RequestError } from "@petrel/protocol";
import type { CommandRequest } from "../connection/command-request.js";
import type { NodeConnection } from "../connection/node-connection.js";
import type { WireRequest } from "../connection/wire-request.js";
import type { AttemptOutcome } from "./attempt.js";

/** Takes over a try whose outcome the retry loop must decide on. */
export type AttemptHandover = (attempt: DirectAttempt, outcome: AttemptOutcome) => void;

export class DirectAttempt implements WireRequest {
  deadline = 0;
  heapIndex = -1;
  written = false;
  /** The outcome is known (settled here, or handed over). */
  finished = false;
  /** Set when the try had to wait for its connection and the tracker watches it. */
  tracked = false;
  readonly request: CommandRequest<unknown>;
  /** Where the plan sent it, and on which connection: the retry loop starts from there. */
  readonly target: NodeTarget;
  readonly connection: NodeConnection;
  readonly #handover: AttemptHandover;

  constructor(
    request: CommandRequest<unknown>,
    target: NodeTarget,
    connection: NodeConnection,
    handover: AttemptHandover,
  ) {
    this.request = request;
    this.target = target;
    this.connection = connection;
    this.#handover = handover;
  }

  get wireCommands(): readonly (readonly CommandArg[])[] {
    return this.request.wireCommands;
  }

  /** The request's one command, so the write path makes no array for it. */
  get singleCommand(): readonly CommandArg[] {
    return this.request.singleCommand;
  }

  get asBuffers(): boolean {
    return this.request.asBuffers;
  }

  /** Read by NodeConnection to tag sendStart/sendEnd with the user's request. */
  get requestId(): number {
    return this.request.requestId;
  }

  get settled(): boolean {
    return this.finished || this.request.settled;
  }

  accept(reply: RespValue, resp: 2 | 3): boolean {
    if (this.finished) return true;
    if (reply instanceof RequestError && !this.request.settled) {
      if (retriesOn(COMMAND_RETRY_POLICY, classifyError(reply.message))) {
        this.#handOver({ kind: "reply", reply, replies: [reply], resp });
        return true;
      }
    }
    this.finished = true;
    // Same as a standalone reply: the parser shapes it, a server error gets GLIDE's class.
    this.request.accept(reply, resp);
    return true;
  }

  fail(error: Error): void {
    if (!this.finished) this.#handOver({ kind: "lost", error, written: this.written });
  }

  /** Takes the try back if it has not been written yet. Returns true when it was. */
  withdraw(): boolean {
    if (this.written || this.finished) return false;
    this.#handOver({ kind: "withdrawn" });
    return true;
  }

  #handOver(outcome: AttemptOutcome): void {
    this.finished = true;
    this.#handover(this, outcome);
  }
}
