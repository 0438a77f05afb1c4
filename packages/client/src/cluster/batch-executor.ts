// Runs GLIDE cluster batches. A transaction (atomic) goes whole to the
// primary of its one slot as MULTI … EXEC; when a queued command or EXEC is
// redirected (MOVED, ASK) or refused (TRYAGAIN, CLUSTERDOWN), the server ran
// nothing, so the whole block is sent again where the redirect says (after
// one ASKING for ASK). A pipeline (non-atomic) goes to PipelineExecutor: one
// sub-pipeline per node, and only the redirected commands are re-sent.
import {
  type ClusterNode,
  classifyError,
  isCrossSlot,
  type NodeTarget,
  type Plan,
  planCommand,
  slotOfCommand,
  UNASSIGNED_SLOT,
} from "@petrel/cluster";
import type { Command, SingleNodeRoute } from "@petrel/commands";
import { ConnectionError, RequestError } from "@petrel/protocol";
import type { BatchRequest } from "../batch/batch-request.js";
import type { ExecRetryStrategy } from "../batch/executable-batch.js";
import { Attempt } from "./attempt.js";
import { PipelineExecutor } from "./pipeline-executor.js";
import type { RequestExecutor } from "./request-executor.js";
import { retryDelayMs, sleep } from "./retry-budget.js";
import type { TopologyManager } from "./topology-manager.js";

const CROSSSLOT_MESSAGE = "CROSSSLOT Keys in request don't hash to the same slot";

/** Errors that mean the server ran nothing of a transaction and it may go again. */
const RESENDABLE = new Set(["moved", "ask", "tryAgain", "clusterDown"]);

export class BatchExecutor {
  readonly #pipelines: PipelineExecutor;

  readonly #executor: RequestExecutor;
  readonly #topology: TopologyManager;

  constructor(executor: RequestExecutor, topology: TopologyManager) {
    this.#executor = executor;
    this.#topology = topology;
    this.#pipelines = new PipelineExecutor(executor, topology);
  }

  /** Starts `batch`; it settles through its own resolve/reject. */
  run(
    batch: BatchRequest,
    route: SingleNodeRoute | undefined,
    retryStrategy?: ExecRetryStrategy,
  ): void {
    this.#executor.adopt(batch);
    const retries = {
      retryServerError: retryStrategy?.retryServerError === true,
      retryConnectionError: retryStrategy?.retryConnectionError === true,
    };
    const running = batch.options.atomic
      ? this.#runTransaction(batch, route)
      : this.#pipelines.run(batch, route, retries);
    running
      .catch((error: unknown) => {
        batch.fail(error instanceof Error ? error : new RequestError(String(error)));
      })
      .finally(() => this.#executor.forget(batch));
  }

  async #plan(command: Command<unknown>): Promise<Plan> {
    const planOptions = this.#executor.planOptions;
    let plan = planCommand(command, await this.#topology.ready(), planOptions);
    if (plan.kind === "unroutable" && plan.reason === "slotNotServed") {
      await this.#topology.refresh("moved");
      plan = planCommand(command, await this.#topology.ready(), planOptions);
    }
    return plan;
  }

  async #runTransaction(batch: BatchRequest, route: SingleNodeRoute | undefined): Promise<void> {
    const target = await this.#transactionTarget(batch, route);
    if (target instanceof Error) {
      batch.fail(target);
      return;
    }
    const executor = this.#executor;
    // Without a slot, the block stays on the node chosen first.
    const part = executor.part(target, target.slot === undefined);
    for (;;) {
      if (batch.settled) return;
      const connection = part.connection;
      const attempt = new Attempt(batch, batch.wireCommands, part.asking);
      executor.track(batch, attempt, connection);
      connection.send(attempt);
      const outcome = await attempt.outcome;
      executor.untrack(batch, attempt);
      part.asking = false;
      if (outcome.kind !== "reply") {
        this.#topology.signal("connectionError");
        const error =
          outcome.kind === "lost"
            ? outcome.error
            : (connection.lastError ??
              new ConnectionError(`Could not reach ${connection.addressKey}`));
        // Written and lost: the transaction may have run; it is never sent twice.
        if (outcome.kind === "lost" && outcome.written) {
          batch.fail(error);
          return;
        }
        if (!executor.spend(batch, part, "unwritten", "connection")) {
          batch.fail(error instanceof ConnectionError ? error : new ConnectionError(error.message));
          return;
        }
        await this.#topology.refresh("connectionError");
        executor.retarget(part);
        continue;
      }
      const refusal = outcome.replies.find(
        (reply): reply is RequestError =>
          reply instanceof RequestError && RESENDABLE.has(classifyError(reply.message)),
      );
      if (refusal !== undefined && (await this.#prepareResend(batch, part, connection, refusal)))
        continue;
      for (const reply of outcome.replies) batch.accept(reply, outcome.resp);
      return;
    }
  }

  /** Follows a redirect or waits out a refusal; false when the budget is spent. */
  async #prepareResend(
    batch: BatchRequest,
    part: Parameters<RequestExecutor["retarget"]>[0],
    connection: Parameters<RequestExecutor["followMoved"]>[2],
    refusal: RequestError,
  ): Promise<boolean> {
    const executor = this.#executor;
    switch (classifyError(refusal.message)) {
      case "moved":
        return executor.followMoved(batch, part, connection, refusal.message);
      case "ask":
        return executor.followAsk(batch, part, connection, refusal.message);
      case "tryAgain":
        if (!executor.spend(batch, part, "tryAgain", "tryAgain")) return false;
        await sleep(retryDelayMs(part.retries.tryAgain));
        executor.retarget(part);
        return true;
      default:
        if (!executor.spend(batch, part, "clusterDown", "clusterDown")) return false;
        await Promise.all([
          this.#topology.refresh("clusterDown"),
          sleep(retryDelayMs(part.retries.clusterDown)),
        ]);
        executor.retarget(part);
        return true;
    }
  }

  /** The primary serving the transaction's one slot (or the route's node, or any primary). */
  async #transactionTarget(
    batch: BatchRequest,
    route: SingleNodeRoute | undefined,
  ): Promise<NodeTarget | Error> {
    const slot = transactionSlot(batch.commands);
    if (slot instanceof Error) return slot;
    const first = batch.commands[0] as Command<unknown>;
    if (route !== undefined) {
      const plan = await this.#plan({ ...first, route });
      if (plan.kind !== "single") return plan.kind === "unroutable" ? plan.error : routeError();
      return { node: plan.node, command: first, slot: plan.slot, keyPositions: undefined };
    }
    let view = await this.#topology.ready();
    if (slot !== undefined && view.slotToShard[slot] === UNASSIGNED_SLOT) {
      await this.#topology.refresh("moved");
      view = await this.#topology.ready();
    }
    let node: ClusterNode | undefined;
    if (slot === undefined) {
      const shards = view.shards;
      node = shards[Math.floor(Math.random() * shards.length)]?.primary;
    } else {
      const index = view.slotToShard[slot] as number;
      node = index === UNASSIGNED_SLOT ? undefined : view.shards[index]?.primary;
    }
    if (node === undefined)
      return new RequestError(
        slot === undefined
          ? "No cluster node is known"
          : `Hash slot ${slot} is not served by any known node`,
      );
    return { node, command: first, slot, keyPositions: undefined };
  }
}

/**
 * The one slot of a transaction's keys (undefined without keys), or the CROSSSLOT error naming
 * the slots and the commands that use them, found before anything is sent.
 */
function transactionSlot(commands: readonly Command<unknown>[]): number | undefined | RequestError {
  let slot: number | undefined;
  let owner = 0;
  for (const [index, command] of commands.entries()) {
    const commandSlot = slotOfCommand(command);
    if (commandSlot === undefined) continue;
    if (isCrossSlot(commandSlot)) {
      return new RequestError(
        `${CROSSSLOT_MESSAGE}: in an atomic batch every key must map to one slot; command ${index} (${command.spec.name}) uses slots ${commandSlot.slots.join(", ")}`,
      );
    }
    if (slot === undefined) {
      slot = commandSlot;
      owner = index;
    } else if (commandSlot !== slot) {
      const first = commands[owner] as Command<unknown>;
      return new RequestError(
        `${CROSSSLOT_MESSAGE}: in an atomic batch every key must map to one slot; command ${owner} (${first.spec.name}) uses slot ${slot}, command ${index} (${command.spec.name}) uses slot ${commandSlot}`,
      );
    }
  }
  return slot;
}

function routeError(): RequestError {
  return new RequestError("A batch route must name a single node");
}
