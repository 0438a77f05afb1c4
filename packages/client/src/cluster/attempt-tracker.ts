// The cluster client's record of what is in flight: the requests and batches
// started and not settled (so close() reaches them wherever they are), and
// each one's attempts not answered yet, with their connection (so a request
// that settles, or a node that goes away, takes back what was never written).
import type { Topology } from "@petrel/cluster";
import type { CommandArg } from "@petrel/protocol";
import type { NodeConnection } from "../connection/node-connection.js";
import { Attempt, type AttemptParent } from "./attempt.js";

/** A try that can be taken back while it waits for its connection. */
export interface WithdrawableAttempt {
  /** Takes the try back if it has not been written yet. Returns true when it was. */
  withdraw(): boolean;
}

/** A request or batch as the tracker sees it: an attempt's parent that can be rejected. */
export interface AttemptOwner extends AttemptParent {
  fail(error: Error): void;
}

export class AttemptTracker {
  /** Attempts not answered yet, with their connection, per owner. */
  readonly #pending = new Map<AttemptParent, Map<WithdrawableAttempt, NodeConnection>>();
  /** Owners started and not settled, wherever they are (planning, waiting, retrying). */
  readonly #active = new Set<AttemptOwner>();

  /** Tracks `owner` until `forget` (or `settled`), so that `failAll` reaches it. */
  adopt(owner: AttemptOwner): void {
    this.#active.add(owner);
  }

  /** No longer tracked: it settled. */
  forget(owner: AttemptParent): void {
    this.#active.delete(owner as AttemptOwner);
  }

  /** `owner` settled (reply, timeout, close): its unwritten attempts are never sent. */
  settled(owner: AttemptParent): void {
    this.forget(owner);
    const attempts = this.#pending.get(owner);
    if (attempts === undefined) return;
    this.#pending.delete(owner);
    for (const attempt of attempts.keys()) attempt.withdraw();
  }

  /** The client closes: every owner still running rejects with `error`. */
  failAll(error: Error): void {
    for (const owner of [...this.#active]) owner.fail(error);
  }

  /**
   * Sends `commands` for `owner` on `connection` (after `ASKING` when `asking`), tracked until
   * `finish`. Await the returned attempt's `outcome`, then call `finish`.
   */
  start(
    owner: AttemptParent,
    connection: NodeConnection,
    commands: readonly (readonly CommandArg[])[],
    asking: boolean,
  ): Attempt {
    const attempt = new Attempt(owner, commands, asking);
    this.watch(owner, attempt, connection);
    connection.send(attempt);
    return attempt;
  }

  /** Tracks `attempt`, sent or about to be sent on `connection`, until `finish`. */
  watch(owner: AttemptParent, attempt: WithdrawableAttempt, connection: NodeConnection): void {
    let attempts = this.#pending.get(owner);
    if (attempts === undefined) {
      attempts = new Map();
      this.#pending.set(owner, attempts);
    }
    attempts.set(attempt, connection);
  }

  /** `attempt` has its outcome: no longer pending. */
  finish(owner: AttemptParent, attempt: WithdrawableAttempt): void {
    const attempts = this.#pending.get(owner);
    if (attempts === undefined) return;
    attempts.delete(attempt);
    if (attempts.size === 0) this.#pending.delete(owner);
  }

  /** A connection failed to connect: attempts waiting for it are taken back and re-planned. */
  withdrawWaitingOn(connection: NodeConnection): void {
    for (const attempts of this.#pending.values()) {
      for (const [attempt, target] of attempts) {
        if (target === connection && target.state !== "ready") attempt.withdraw();
      }
    }
  }

  /** The view changed: attempts waiting for a node that is down or left the view are re-planned. */
  withdrawStranded(view: Topology): void {
    const addresses = new Set(view.nodes.map((node) => node.address));
    for (const attempts of this.#pending.values()) {
      for (const [attempt, target] of attempts) {
        if (target.state === "ready") continue;
        const down = target.state === "backoff" || target.state === "closed";
        if (down || !addresses.has(target.addressKey)) attempt.withdraw();
      }
    }
  }
}
