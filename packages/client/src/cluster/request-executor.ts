// Runs one user request on the cluster: plans it (one node, a fan-out, or a
// per-slot split), sends each part, follows MOVED/ASK, retries what the
// server asks to retry within bounded budgets, and combines the replies.
//
// A part that was written and lost with its connection is never re-sent: the
// server may have run it. Parts still waiting for a connection are taken back
// when their node goes away and sent where the refreshed view says.
import {
  aggregate,
  type ClusterNode,
  chooseReadNode,
  classifyError,
  createRoundRobin,
  type NodeTarget,
  type Plan,
  type PlanOptions,
  parseRedirect,
  planCommand,
  type Topology,
  UNASSIGNED_SLOT,
} from "@petrel/cluster";
import type { Command } from "@petrel/commands";
import { ConnectionError, RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedConfig } from "../config/resolved.js";
import { type CommandRequest, classifyServerError } from "../connection/command-request.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { channels, type RetryReason } from "../instrumentation/channels.js";
import { Attempt, type AttemptOutcome } from "./attempt.js";
import type { NodePool } from "./node-pool.js";
import { RETRY_LIMITS, retryDelayMs, sleep } from "./retry-budget.js";
import type { TopologyManager } from "./topology-manager.js";

export type PartResult =
  | { readonly ok: true; readonly value: unknown; readonly resp: 2 | 3 }
  | { readonly ok: false; readonly error: Error };

/** What the executor needs of the request it works for: a command, or a batch. */
export interface WorkOwner {
  readonly requestId: number;
  readonly settled: boolean;
  readonly asBuffers: boolean;
}

/** One part of a plan on its way: where it goes now and what it has used of its budgets. */
export interface Part {
  readonly target: NodeTarget;
  /** True when the part must stay on its node (fan-outs, routes by address). */
  readonly pinned: boolean;
  node: ClusterNode;
  connection: NodeConnection;
  /** Send `ASKING` first, to this connection. */
  asking: boolean;
  /** A replica answered LOADING: reads of this part go to the primary. */
  primaryOnly: boolean;
  redirections: number;
  retries: Record<"tryAgain" | "clusterDown" | "readOnly" | "loading" | "unwritten", number>;
}

/** The errors a pipeline re-sends only with `retryServerError`: the server asked to try again. */
const SERVER_RETRIES = new Set<string>(["tryAgain", "masterDown", "clusterDown"]);

const contexts = { 2: Object.freeze({ resp: 2 as const }), 3: Object.freeze({ resp: 3 as const }) };

export class RequestExecutor {
  /** Attempts not answered yet, with their connection, per request. */
  readonly #pending = new Map<WorkOwner, Map<Attempt, NodeConnection>>();
  /** Requests and batches started and not settled, wherever they are (planning, waiting, retrying). */
  readonly #active = new Set<WorkOwner & { fail(error: Error): void }>();
  readonly planOptions: PlanOptions;

  readonly #topology: TopologyManager;
  readonly #pool: NodePool;

  constructor(config: ResolvedConfig, topology: TopologyManager, pool: NodePool) {
    this.#topology = topology;
    this.#pool = pool;
    this.planOptions = {
      readFrom: config.readFrom,
      clientAz: config.clientAz,
      roundRobin: createRoundRobin(),
    };
  }

  /** Starts `request`; it settles through its own resolve/reject. */
  run(request: CommandRequest<unknown>): void {
    this.#active.add(request);
    this.#execute(request).catch((error: unknown) => {
      request.fail(error instanceof Error ? error : new RequestError(String(error)));
    });
  }

  /** The request settled (reply, timeout, close): its unwritten attempts are never sent. */
  settled(request: WorkOwner): void {
    this.forget(request);
    const attempts = this.#pending.get(request);
    if (attempts === undefined) return;
    this.#pending.delete(request);
    for (const attempt of attempts.keys()) attempt.withdraw();
  }

  /** Tracks a batch (or request) so that close() can reject it wherever it is. */
  adopt(owner: WorkOwner & { fail(error: Error): void }): void {
    this.#active.add(owner);
  }

  /** No longer tracked: it settled. */
  forget(owner: WorkOwner): void {
    this.#active.delete(owner as WorkOwner & { fail(error: Error): void });
  }

  /** The client closes: every request still running rejects with `error`. */
  failAll(error: Error): void {
    for (const request of [...this.#active]) request.fail(error);
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

  async #execute(request: CommandRequest<unknown>): Promise<void> {
    let view = await this.#topology.ready();
    let plan = planCommand(request.command, view, this.planOptions);
    if (plan.kind === "unroutable" && isRecoverable(plan)) {
      // The view may be stale (a slot just got an owner, a node just joined): re-fetch once.
      await this.#topology.refresh("moved");
      view = await this.#topology.ready();
      plan = planCommand(request.command, view, this.planOptions);
    }
    if (request.settled) return;
    if (plan.kind === "unroutable") {
      request.fail(plan.error);
      return;
    }
    if (plan.kind === "single") {
      const pinned = plan.slot === undefined && isPinnedRoute(request.command);
      const result = await this.runPart(request, this.part(plan, pinned));
      if (result.ok) request.complete(result.value);
      else request.fail(result.error);
      return;
    }
    const pinned = !plan.split;
    const results = await Promise.all(
      plan.targets.map((target) => this.runPart(request, this.part(target, pinned))),
    );
    if (request.settled) return;
    const outcome = aggregate(
      plan.response,
      results.map((result) => (result.ok ? result.value : result.error)),
      plan,
    );
    if (outcome.ok) request.complete(outcome.value);
    else request.fail(outcome.error);
  }

  /** The pooled connection to `node`. */
  connectionFor(node: ClusterNode): NodeConnection {
    return this.#pool.forNode(node);
  }

  part(target: NodeTarget, pinned: boolean): Part {
    return {
      target,
      pinned,
      node: target.node,
      connection: this.#pool.forNode(target.node),
      asking: false,
      primaryOnly: false,
      redirections: 0,
      retries: { tryAgain: 0, clusterDown: 0, readOnly: 0, loading: 0, unwritten: 0 },
    };
  }

  /**
   * Sends one part until it has a reply to return (parsed, or `raw` as the server sent it),
   * or an error to surface. `batchRetries` is a pipeline's retry strategy: without
   * `retryServerError`, TRYAGAIN-like errors are returned as they are; with
   * `retryConnectionError`, a part lost after it was written is sent again (it may run twice).
   * `sent` is the outcome of a send already made on `part.connection` (a pipeline's
   * sub-pipeline): the part carries on from it instead of sending first.
   */
  async runPart(
    request: WorkOwner,
    part: Part,
    raw = false,
    batchRetries?: { readonly retryServerError: boolean; readonly retryConnectionError: boolean },
    sent?: AttemptOutcome,
  ): Promise<PartResult> {
    let carried = sent;
    for (;;) {
      const connection = part.connection;
      let outcome: AttemptOutcome;
      if (carried === undefined) {
        if (request.settled)
          return { ok: false, error: new RequestError("Request already settled") };
        const attempt = new Attempt(request, [part.target.command.args], part.asking);
        this.track(request, attempt, connection);
        connection.send(attempt);
        outcome = await attempt.outcome;
        this.untrack(request, attempt);
        part.asking = false;
      } else {
        outcome = carried;
        carried = undefined;
      }

      if (outcome.kind !== "reply") {
        this.#topology.signal("connectionError");
        const error =
          outcome.kind === "lost"
            ? outcome.error
            : (connection.lastError ??
              new ConnectionError(`Could not reach ${connection.addressKey}`));
        // Written and lost: it may have run. Only unwritten parts are re-sent, unless a
        // pipeline's retry strategy accepts duplicates.
        if (outcome.kind === "lost" && outcome.written && !batchRetries?.retryConnectionError)
          return { ok: false, error };
        if (request.settled || !this.spend(request, part, "unwritten", "connection"))
          return { ok: false, error: asConnectionError(error) };
        await this.#topology.refresh("connectionError");
        this.retarget(part);
        continue;
      }

      const { reply, resp } = outcome;
      if (!(reply instanceof RequestError))
        return raw ? { ok: true, value: reply, resp } : this.#parse(part, reply, resp);
      const error = classifyServerError(reply);
      const kind = classifyError(reply.message);
      if (batchRetries !== undefined && !batchRetries.retryServerError && SERVER_RETRIES.has(kind))
        return { ok: false, error };
      switch (kind) {
        case "moved":
          if (!this.followMoved(request, part, connection, reply.message))
            return { ok: false, error };
          continue;
        case "ask":
          if (!this.followAsk(request, part, connection, reply.message))
            return { ok: false, error };
          continue;
        case "tryAgain":
        case "masterDown":
          if (!this.spend(request, part, "tryAgain", "tryAgain")) return { ok: false, error };
          await sleep(retryDelayMs(part.retries.tryAgain));
          this.retarget(part);
          continue;
        case "clusterDown":
          if (!this.spend(request, part, "clusterDown", "clusterDown")) return { ok: false, error };
          await Promise.all([
            this.#topology.refresh("clusterDown"),
            sleep(retryDelayMs(part.retries.clusterDown)),
          ]);
          this.retarget(part);
          continue;
        case "readOnly":
          // A write routed to a replica on purpose ({ type: "replicaSlotKey" }…) fails there, as
          // in GLIDE; only a write that reached a demoted primary is sent again.
          if (part.target.node.role === "replica") return { ok: false, error };
          if (!this.spend(request, part, "readOnly", "readOnly")) return { ok: false, error };
          await this.#topology.refresh("readOnly");
          this.retarget(part);
          continue;
        case "loading":
          if (!this.spend(request, part, "loading", "loading")) return { ok: false, error };
          if (part.node.role === "replica" && !part.pinned) part.primaryOnly = true;
          else await sleep(retryDelayMs(part.retries.loading));
          this.retarget(part);
          continue;
        default:
          return { ok: false, error };
      }
    }
  }

  #parse(part: Part, reply: RespValue, resp: 2 | 3): PartResult {
    try {
      const command = part.target.command as Command<unknown>;
      return { ok: true, value: command.spec.parse(reply, command, contexts[resp]), resp };
    } catch (error) {
      return {
        ok: false,
        error:
          error instanceof RequestError
            ? error
            : new RequestError(`Unexpected reply: ${String(error)}`),
      };
    }
  }

  /** Uses one retry of `budget`; false when it is spent. Publishes the retry. */
  spend(
    request: WorkOwner,
    part: Part,
    budget: keyof Part["retries"],
    reason: RetryReason,
  ): boolean {
    if (part.retries[budget] >= RETRY_LIMITS[budget] || request.settled) return false;
    part.retries[budget]++;
    if (channels.retry.hasSubscribers) {
      channels.retry.publish({
        requestId: request.requestId,
        reason,
        attempt: part.retries[budget],
      });
    }
    return true;
  }

  followMoved(
    request: WorkOwner,
    part: Part,
    connection: NodeConnection,
    message: string,
  ): boolean {
    const redirect = parseRedirect(message, connection.address.host);
    if (redirect === undefined || part.redirections >= RETRY_LIMITS.redirections) return false;
    part.redirections++;
    this.#publishRedirect(request, "MOVED", redirect.slot, redirect.host, redirect.port);
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
      return true;
    }
    const node = this.#topology.applyMoved(redirect.slot, redirect.host, redirect.port);
    this.#topology.signal("moved");
    if (node !== undefined) part.node = node;
    part.connection = this.#pool.get(redirect.host, redirect.port);
    return true;
  }

  followAsk(request: WorkOwner, part: Part, connection: NodeConnection, message: string): boolean {
    const redirect = parseRedirect(message, connection.address.host);
    if (redirect === undefined || part.redirections >= RETRY_LIMITS.redirections) return false;
    part.redirections++;
    this.#publishRedirect(request, "ASK", redirect.slot, redirect.host, redirect.port);
    // Only this request goes there; the map keeps the slot's owner.
    part.connection = this.#pool.get(redirect.host, redirect.port);
    part.asking = true;
    return true;
  }

  /** Points the part at the node the current view gives for its slot (or, pinned, its node). */
  retarget(part: Part): void {
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

  #publishRedirect(
    request: WorkOwner,
    kind: "MOVED" | "ASK",
    slot: number,
    host: string,
    port: number,
  ): void {
    if (channels.redirect.hasSubscribers)
      channels.redirect.publish({ requestId: request.requestId, kind, slot, host, port });
  }

  track(request: WorkOwner, attempt: Attempt, connection: NodeConnection): void {
    let attempts = this.#pending.get(request);
    if (attempts === undefined) {
      attempts = new Map();
      this.#pending.set(request, attempts);
    }
    attempts.set(attempt, connection);
  }

  untrack(request: WorkOwner, attempt: Attempt): void {
    const attempts = this.#pending.get(request);
    if (attempts === undefined) return;
    attempts.delete(attempt);
    if (attempts.size === 0) this.#pending.delete(request);
  }
}

function isRecoverable(plan: Plan & { kind: "unroutable" }): boolean {
  return (
    plan.reason === "slotNotServed" || plan.reason === "unknownAddress" || plan.reason === "noNodes"
  );
}

/** A route that names its node: retries stay there. */
function isPinnedRoute(command: Command<unknown>): boolean {
  const route = command.route;
  return typeof route === "object" && route !== null && route.type === "routeByAddress";
}

function asConnectionError(error: Error): Error {
  return error instanceof ConnectionError ? error : new ConnectionError(error.message);
}
