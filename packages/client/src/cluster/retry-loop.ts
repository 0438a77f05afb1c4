// The cluster client's one redirect-and-retry loop. Single commands, the
// commands of a pipeline and whole transactions all go through `run`: it sends
// a part, and while the try ends in a connection loss or a refusal it asks
// `decideRetry` (@petrel/cluster) what the part's policy allows, then does what
// the decision says: follow MOVED (the slot map learns it) or ASK (`ASKING`
// first), wait, refresh the view, move to the primary, send again. It returns
// the last reply (server errors as values) or the error that ends the part.
// The rules are those of docs/cluster-protocol.md.
import {
  type ClusterNode,
  chooseReadNode,
  classifyError,
  createRoundRobin,
  decideRetry,
  type ErrorClass,
  emptyRetryCounts,
  type NodeTarget,
  type PlanOptions,
  planCommand,
  type RetryBudget,
  type RetryCounts,
  type RetryDecision,
  type RetryPolicy,
  retriesOn,
  retryDelayMs,
  type Topology,
  UNASSIGNED_SLOT,
} from "@petrel/cluster";
import {
  CircuitBreakerError,
  type CommandArg,
  ConnectionError,
  RequestError,
  type RespValue,
} from "@petrel/protocol";
import type { ResolvedConfig } from "../config/resolved.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { channels, type RetryReason } from "../instrumentation/channels.js";
import type { AttemptOutcome, AttemptParent } from "./attempt.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import type { NodePool } from "./node-pool.js";
import type { TopologyManager } from "./topology-manager.js";

/** One part of a plan on its way: what it sends, where it goes now, what it has spent. */
export interface Part {
  readonly target: NodeTarget;
  /** True when the part must stay on its node (fan-outs, routes by address). */
  readonly pinned: boolean;
  /** The commands of one try: the command, or a whole MULTI … EXEC block. */
  readonly wire: readonly (readonly CommandArg[])[];
  node: ClusterNode;
  connection: NodeConnection;
  /** Send `ASKING` first, to this connection. */
  asking: boolean;
  /** A replica answered LOADING: reads of this part go to the primary. */
  primaryOnly: boolean;
  /** Budgets spent, created at the first redirect or retry. */
  used: RetryCounts | undefined;
}

/** How a part ended: the server's replies (errors as values), or an error of its own. */
export type PartOutcome =
  | Extract<AttemptOutcome, { readonly kind: "reply" }>
  | { readonly kind: "failed"; readonly error: Error };

const REASONS: Readonly<Record<Exclude<RetryBudget, "redirections">, RetryReason>> = {
  tryAgain: "tryAgain",
  clusterDown: "clusterDown",
  readOnly: "readOnly",
  loading: "loading",
  unwritten: "connection",
};

export class RetryLoop {
  readonly planOptions: PlanOptions;

  readonly #topology: TopologyManager;
  readonly #pool: NodePool;
  readonly #attempts: AttemptTracker;
  /** `recoveryRequestsQueueSize`: how many attempts may wait on reconnecting connections. */
  readonly #recoveryLimit: number;
  /** Attempts waiting on a connection that is reconnecting after a failure. */
  #recovering = 0;

  constructor(
    config: ResolvedConfig,
    topology: TopologyManager,
    pool: NodePool,
    attempts: AttemptTracker,
    recoveryLimit: number,
  ) {
    this.#recoveryLimit = recoveryLimit;
    this.#topology = topology;
    this.#pool = pool;
    this.#attempts = attempts;
    this.planOptions = {
      readFrom: config.readFrom,
      clientAz: config.clientAz,
      roundRobin: createRoundRobin(),
    };
  }

  /** The pooled connection to `node`. */
  connectionFor(node: ClusterNode): NodeConnection {
    return this.#pool.forNode(node);
  }

  /** A part that sends `wire` to `target`'s node (one command unless a transaction's block). */
  part(
    target: NodeTarget,
    pinned: boolean,
    wire: readonly (readonly CommandArg[])[] = [target.command.args],
  ): Part {
    return {
      target,
      pinned,
      wire,
      node: target.node,
      connection: this.#pool.forNode(target.node),
      asking: false,
      primaryOnly: false,
      used: undefined,
    };
  }

  /**
   * Sends `part` for `owner` until its policy says the outcome stands. `sent` is the outcome
   * of a send already made on `part.connection` (a pipeline's sub-pipeline): the part carries
   * on from it instead of sending first.
   */
  async run(
    owner: AttemptParent,
    part: Part,
    policy: RetryPolicy,
    sent?: AttemptOutcome,
  ): Promise<PartOutcome> {
    let carried = sent;
    for (;;) {
      const connection = part.connection;
      let outcome: AttemptOutcome;
      if (carried === undefined) {
        if (owner.settled)
          return { kind: "failed", error: new RequestError("Request already settled") };
        // A connection that failed and is not ready again is recovering: the attempt would
        // wait for it, within the recovery queue's bound.
        const recovering = connection.state !== "ready" && connection.lastError !== undefined;
        if (recovering && this.#recovering >= this.#recoveryLimit)
          return { kind: "failed", error: this.#recoveryQueueFull(connection) };
        if (recovering) this.#recovering++;
        const attempt = this.#attempts.start(owner, connection, part.wire, part.asking);
        outcome = await attempt.outcome;
        if (recovering) this.#recovering--;
        this.#attempts.finish(owner, attempt);
        part.asking = false;
      } else {
        outcome = carried;
        carried = undefined;
      }

      if (outcome.kind === "lost" && outcome.error instanceof CircuitBreakerError) {
        // The node's breaker refused it: nothing was sent, and retrying would be refused too.
        return { kind: "failed", error: outcome.error };
      }
      if (outcome.kind !== "reply") {
        this.#topology.signal("connectionError");
        const error =
          outcome.kind === "lost"
            ? outcome.error
            : (connection.lastError ??
              new ConnectionError(`Could not reach ${connection.addressKey}`));
        const written = outcome.kind === "lost" && outcome.written;
        const decision = decideRetry(policy, part.used, { kind: "lost", written });
        if (decision.kind === "surface") return { kind: "failed", error };
        if (decision.kind !== "retry" || !this.#spend(owner, part, decision.budget))
          return { kind: "failed", error: asConnectionError(error) };
        await this.#prepare(part, decision);
        continue;
      }

      const refusal = firstRefusal(policy, outcome.replies);
      if (refusal === undefined) return outcome;
      const decision = decideRetry(policy, part.used, {
        kind: "refused",
        errorClass: refusal.errorClass,
        message: refusal.error.message,
        connectionHost: connection.address.host,
        onReplica: part.node.role === "replica" && !part.pinned,
        routedToReplica: part.target.node.role === "replica",
      });
      if (decision.kind === "redirect") {
        this.#follow(owner, part, connection, decision);
        continue;
      }
      if (decision.kind !== "retry" || !this.#spend(owner, part, decision.budget)) return outcome;
      await this.#prepare(part, decision);
    }
  }

  #recoveryQueueFull(connection: NodeConnection): ConnectionError {
    const limit = this.#recoveryLimit;
    const message =
      limit === 0
        ? `${connection.addressKey} is reconnecting (recoveryRequestsQueueSize is 0: fail fast)`
        : `${connection.addressKey} is reconnecting and the recovery queue is full (recoveryRequestsQueueSize: ${limit})`;
    return new ConnectionError(message, { cause: connection.lastError });
  }

  /** Uses one retry of `budget`; false when the owner settled meanwhile. Publishes the retry. */
  #spend(owner: AttemptParent, part: Part, budget: Exclude<RetryBudget, "redirections">): boolean {
    if (owner.settled) return false;
    part.used ??= emptyRetryCounts();
    const attempt = ++part.used[budget];
    if (channels.retry.hasSubscribers)
      channels.retry.publish({ requestId: owner.requestId, reason: REASONS[budget], attempt });
    return true;
  }

  /** Waits and refreshes as `decision` says, then points the part where the view says. */
  async #prepare(part: Part, decision: RetryDecision & { readonly kind: "retry" }): Promise<void> {
    if (decision.toPrimary) part.primaryOnly = true;
    const spent = (part.used as RetryCounts)[decision.budget];
    if (decision.refresh !== undefined && decision.wait) {
      await Promise.all([
        this.#topology.refresh(decision.refresh),
        sleep(retryDelayMs(spent, Math.random)),
      ]);
    } else if (decision.refresh !== undefined) {
      await this.#topology.refresh(decision.refresh);
    } else if (decision.wait) {
      await sleep(retryDelayMs(spent, Math.random));
    }
    this.#retarget(part);
  }

  /** Follows a MOVED (the slot map learns it) or an ASK (this part only, `ASKING` first). */
  #follow(
    owner: AttemptParent,
    part: Part,
    connection: NodeConnection,
    decision: RetryDecision & { readonly kind: "redirect" },
  ): void {
    const { redirect } = decision;
    part.used ??= emptyRetryCounts();
    part.used.redirections++;
    if (channels.redirect.hasSubscribers) {
      channels.redirect.publish({
        requestId: owner.requestId,
        kind: redirect.kind,
        slot: redirect.slot,
        host: redirect.host,
        port: redirect.port,
      });
    }
    if (!decision.updateSlotMap) {
      part.connection = this.#pool.get(redirect.host, redirect.port);
      part.asking = decision.asking;
      return;
    }
    const address = `${redirect.host}:${redirect.port}`;
    if (address === connection.addressKey) {
      // The node sent us to itself: the address now reaches another server (proxy, DNS
      // swap). Replace that connection, once for everyone who hit it.
      const replaced = this.#pool.get(redirect.host, redirect.port) === connection;
      part.connection = replaced
        ? (this.#pool.recreate(address, new ConnectionError(`${address} redirected to itself`)) ??
          connection)
        : this.#pool.get(redirect.host, redirect.port);
      this.#topology.signal("moved");
      return;
    }
    const node = this.#topology.applyMoved(redirect.slot, redirect.host, redirect.port);
    this.#topology.signal("moved");
    if (node !== undefined) part.node = node;
    part.connection = this.#pool.get(redirect.host, redirect.port);
  }

  /** Points the part at the node the current view gives for its slot (or, pinned, its node). */
  #retarget(part: Part): void {
    const view = this.#topology.current;
    if (view === undefined) return;
    const { slot } = part.target;
    if (slot === undefined) {
      if (!part.pinned) {
        const plan = planCommand(part.target.command, view, this.planOptions);
        if (plan.kind === "single") part.node = plan.node;
      }
    } else {
      const node = this.#nodeForSlot(view, slot, part);
      if (node !== undefined) part.node = node;
    }
    part.connection = this.#pool.forNode(part.node);
  }

  #nodeForSlot(view: Topology, slot: number, part: Part): ClusterNode | undefined {
    const index = view.slotToShard[slot] as number;
    const shard = index === UNASSIGNED_SLOT ? undefined : view.shards[index];
    if (shard === undefined) return undefined;
    if (part.primaryOnly || part.target.node.role === "primary") return shard.primary;
    return chooseReadNode(shard, this.planOptions);
  }
}

/** The first error reply that `policy` sends the part again after, if any, with its class. */
function firstRefusal(
  policy: RetryPolicy,
  replies: readonly RespValue[],
): { readonly error: RequestError; readonly errorClass: ErrorClass } | undefined {
  for (const reply of replies) {
    if (!(reply instanceof RequestError)) continue;
    const errorClass = classifyError(reply.message);
    if (retriesOn(policy, errorClass)) return { error: reply, errorClass };
  }
  return undefined;
}

function asConnectionError(error: Error): Error {
  return error instanceof ConnectionError ? error : new ConnectionError(error.message);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
