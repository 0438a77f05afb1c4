// Runs GLIDE cluster batches. A transaction (atomic) goes whole to the
// primary of its one slot as MULTI … EXEC, through the retry loop under the
// transaction policy: when a queued command or EXEC is redirected (MOVED, ASK)
// or refused (TRYAGAIN, CLUSTERDOWN), the server ran nothing, so the whole
// block is sent again where the redirect says (after one ASKING for ASK;
// docs/cluster-protocol.md §4 and §6). A
// pipeline (non-atomic) goes to PipelineExecutor: one sub-pipeline per node,
// and only the redirected commands are re-sent.
import {
  type ClusterNode,
  isCrossSlot,
  type NodeTarget,
  type Plan,
  planCommand,
  slotOfCommand,
  TRANSACTION_RETRY_POLICY,
  UNASSIGNED_SLOT,
} from "@petrel/cluster";
import type { Command, SingleNodeRoute } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import type { BatchRequest } from "../batch/batch-request.js";
import type { ExecRetryStrategy } from "../batch/executable-batch.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import { PipelineExecutor } from "./pipeline-executor.js";
import type { RetryLoop } from "./retry-loop.js";
import type { TopologyManager } from "./topology-manager.js";

const CROSSSLOT_MESSAGE = "CROSSSLOT Keys in request don't hash to the same slot";

export class BatchExecutor {
  readonly #pipelines: PipelineExecutor;

  readonly #loop: RetryLoop;
  readonly #attempts: AttemptTracker;
  readonly #topology: TopologyManager;

  constructor(loop: RetryLoop, attempts: AttemptTracker, topology: TopologyManager) {
    this.#loop = loop;
    this.#attempts = attempts;
    this.#topology = topology;
    this.#pipelines = new PipelineExecutor(loop, attempts, topology);
  }

  /** Starts `batch`; it settles through its own resolve/reject. */
  run(
    batch: BatchRequest,
    route: SingleNodeRoute | undefined,
    retryStrategy?: ExecRetryStrategy,
  ): void {
    this.#attempts.adopt(batch);
    const running = batch.options.atomic
      ? this.#runTransaction(batch, route)
      : this.#pipelines.run(batch, route, retryStrategy);
    running
      .catch((error: unknown) => {
        batch.fail(error instanceof Error ? error : new RequestError(String(error)));
      })
      .finally(() => this.#attempts.forget(batch));
  }

  async #plan(command: Command<unknown>): Promise<Plan> {
    const planOptions = this.#loop.planOptions;
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
    // Without a slot, the block stays on the node chosen first.
    const part = this.#loop.part(target, target.slot === undefined, batch.wireCommands);
    const outcome = await this.#loop.run(batch, part, TRANSACTION_RETRY_POLICY);
    if (outcome.kind === "failed") {
      batch.fail(outcome.error);
      return;
    }
    for (const reply of outcome.replies) batch.accept(reply, outcome.resp);
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
