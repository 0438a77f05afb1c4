// Runs a non-atomic cluster batch. Every command is planned against one view
// of the topology; the commands (and the per-node parts of split commands)
// bound for the same node go out as one sub-pipeline, in batch order, so a
// node gets a single write and completes a single attempt. Only the commands
// whose replies ask for more (MOVED, ASK, TRYAGAIN…) or whose sub-pipeline
// was lost are then carried on one by one by the retry loop, under the
// pipeline policy the batch's retry strategy picks.
//
// The common path allocates little per command: a plan, an entry, and the
// reply; the loop's Part (budgets, connection) exists only for commands that
// need a second try.
import {
  aggregate,
  type ClusterNode,
  type MultiNodePlan,
  type NodeTarget,
  type Plan,
  pipelineRetryPolicy,
  planCommand,
  type RetryPolicy,
} from "@petrel/cluster";
import type { Command, SingleNodeRoute } from "@petrel/commands";
import { RequestError, type RespValue } from "@petrel/protocol";
import type { BatchRequest } from "../batch/batch-request.js";
import type { ExecRetryStrategy } from "../batch/executable-batch.js";
import { PerNodeReplies } from "../batch/per-node-replies.js";
import { classifyServerError } from "../connection/command-request.js";
import type { AttemptOutcome } from "./attempt.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import type { PartOutcome, RetryLoop } from "./retry-loop.js";
import type { TopologyManager } from "./topology-manager.js";

/** A command's raw reply in the batch (parsed later by the batch), or its error. */
type RawResult =
  | { readonly ok: true; readonly value: unknown; readonly resp: 2 | 3 }
  | { readonly ok: false; readonly error: Error };

/** One command of the batch, or one node's share of a multi-node command. */
interface PipelineEntry {
  readonly target: NodeTarget;
  /** The part must stay on its node (fan-outs, keyless commands under a route). */
  readonly pinned: boolean;
  /** The command's position in the batch. */
  readonly index: number;
  /** For a share of a multi-node command: the command's collector and this share's position. */
  readonly multi: MultiNodeReplies | undefined;
  readonly share: number;
}

/** The batch's reply slots: raw replies, errors as RequestError values, and the protocol. */
class PipelineReplies {
  readonly values: RespValue[];
  resp: 2 | 3 | undefined;

  constructor(size: number) {
    this.values = new Array(size);
  }

  set(index: number, result: RawResult): void {
    if (result.ok) {
      this.values[index] = result.value as RespValue;
      this.resp ??= result.resp;
    } else {
      this.values[index] = asReplyError(result.error);
    }
  }
}

/** The shares of one multi-node command, combined by its response policy once all answered. */
class MultiNodeReplies {
  readonly #results: RawResult[];
  #remaining: number;

  readonly #plan: MultiNodePlan;
  readonly #replies: PipelineReplies;
  readonly #index: number;

  constructor(plan: MultiNodePlan, replies: PipelineReplies, index: number) {
    this.#plan = plan;
    this.#replies = replies;
    this.#index = index;
    this.#results = new Array(plan.targets.length);
    this.#remaining = plan.targets.length;
  }

  deliver(share: number, result: RawResult): void {
    this.#results[share] = result;
    if (--this.#remaining === 0) this.#replies.set(this.#index, this.#combine());
  }

  #combine(): RawResult {
    const plan = this.#plan;
    const results = this.#results;
    const outcome = aggregate(
      plan.response,
      results.map((result) => (result.ok ? result.value : result.error)),
      plan,
    );
    if (!outcome.ok) return { ok: false, error: outcome.error };
    // One reply per node: the batch shapes each with the command's parser.
    const value =
      !plan.split && isPerNode(plan.response)
        ? new PerNodeReplies(outcome.value as Record<string, unknown>)
        : outcome.value;
    const answered = results.find((result) => result.ok);
    return { ok: true, value, resp: answered?.ok ? answered.resp : 3 };
  }
}

export class PipelineExecutor {
  readonly #loop: RetryLoop;
  readonly #attempts: AttemptTracker;
  readonly #topology: TopologyManager;

  constructor(loop: RetryLoop, attempts: AttemptTracker, topology: TopologyManager) {
    this.#loop = loop;
    this.#attempts = attempts;
    this.#topology = topology;
  }

  /** Runs `batch` as sub-pipelines; `retryStrategy` picks what its commands may retry. */
  async run(
    batch: BatchRequest,
    route: SingleNodeRoute | undefined,
    retryStrategy: ExecRetryStrategy | undefined,
  ): Promise<void> {
    const policy = pipelineRetryPolicy(retryStrategy);
    const commands =
      route === undefined
        ? batch.commands
        : batch.commands.map((command) => ({ ...command, route }) as Command<unknown>);
    const plans = await this.#planAll(commands);
    if (batch.settled) return;
    const replies = new PipelineReplies(commands.length);
    const groups = new Map<ClusterNode, PipelineEntry[]>();
    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index] as Plan;
      if (plan.kind === "unroutable") {
        replies.set(index, { ok: false, error: plan.error });
      } else if (plan.kind === "single") {
        const pinned = plan.slot === undefined && route !== undefined;
        addEntry(groups, { target: plan, pinned, index, multi: undefined, share: 0 });
      } else {
        const multi = new MultiNodeReplies(plan, replies, index);
        const pinned = !plan.split;
        for (let share = 0; share < plan.targets.length; share++) {
          const target = plan.targets[share] as NodeTarget;
          addEntry(groups, { target, pinned, index, multi, share });
        }
      }
    }
    const running: Promise<void>[] = [];
    for (const [node, entries] of groups)
      running.push(this.#runSubPipeline(batch, node, entries, replies, policy));
    await Promise.all(running);
    if (batch.settled) return;
    const resp = replies.resp ?? 3;
    for (const value of replies.values) batch.accept(value, resp);
  }

  /** Plans every command on one view; a slot without an owner refreshes the view once. */
  async #planAll(commands: readonly Command<unknown>[]): Promise<Plan[]> {
    const options = this.#loop.planOptions;
    const view = await this.#topology.ready();
    const plans = commands.map((command) => planCommand(command, view, options));
    if (!plans.some((plan) => plan.kind === "unroutable" && plan.reason === "slotNotServed"))
      return plans;
    await this.#topology.refresh("moved");
    const fresh = await this.#topology.ready();
    return commands.map((command) => planCommand(command, fresh, options));
  }

  /** Sends one node's entries as one attempt; hands what needs more work to the retry loop. */
  async #runSubPipeline(
    batch: BatchRequest,
    node: ClusterNode,
    entries: readonly PipelineEntry[],
    replies: PipelineReplies,
    policy: RetryPolicy,
  ): Promise<void> {
    const connection = this.#loop.connectionFor(node);
    const wire = new Array<PipelineEntry["target"]["command"]["args"]>(entries.length);
    for (let position = 0; position < entries.length; position++)
      wire[position] = (entries[position] as PipelineEntry).target.command.args;
    const attempt = this.#attempts.start(batch, connection, wire, false);
    const outcome = await attempt.outcome;
    this.#attempts.finish(batch, attempt);
    let followUps: Promise<void>[] | undefined;
    for (let position = 0; position < entries.length; position++) {
      const entry = entries[position] as PipelineEntry;
      let carried: AttemptOutcome = outcome;
      if (outcome.kind === "reply") {
        const reply = outcome.replies[position] as RespValue;
        if (!(reply instanceof RequestError)) {
          deliver(replies, entry, { ok: true, value: reply, resp: outcome.resp });
          continue;
        }
        carried = { kind: "reply", reply, replies: [reply], resp: outcome.resp };
      }
      followUps ??= [];
      followUps.push(this.#carryOn(batch, entry, carried, replies, policy));
    }
    if (followUps !== undefined) await Promise.all(followUps);
  }

  /** An entry whose reply was an error or whose sub-pipeline failed: the retry loop takes over. */
  async #carryOn(
    batch: BatchRequest,
    entry: PipelineEntry,
    outcome: AttemptOutcome,
    replies: PipelineReplies,
    policy: RetryPolicy,
  ): Promise<void> {
    const part = this.#loop.part(entry.target, entry.pinned);
    deliver(replies, entry, raw(await this.#loop.run(batch, part, policy, outcome)));
  }
}

function addEntry(groups: Map<ClusterNode, PipelineEntry[]>, entry: PipelineEntry): void {
  const entries = groups.get(entry.target.node);
  if (entries === undefined) groups.set(entry.target.node, [entry]);
  else entries.push(entry);
}

function deliver(replies: PipelineReplies, entry: PipelineEntry, result: RawResult): void {
  if (entry.multi === undefined) replies.set(entry.index, result);
  else entry.multi.deliver(entry.share, result);
}

/** The reply as the server sent it (the batch parses it), or the error that ends it. */
function raw(outcome: PartOutcome): RawResult {
  if (outcome.kind === "failed") return { ok: false, error: outcome.error };
  const reply = outcome.reply;
  if (reply instanceof RequestError) return { ok: false, error: classifyServerError(reply) };
  return { ok: true, value: reply, resp: outcome.resp };
}

function isPerNode(response: string): boolean {
  return response === "default" || response === "special";
}

/** An error in a pipeline slot, as the batch's reply parser expects it. */
function asReplyError(error: Error): RequestError {
  return error instanceof RequestError ? error : new RequestError(error.message);
}
