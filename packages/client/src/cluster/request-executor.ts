// Runs one user command on the cluster: plans it (one node, a fan-out, or a
// per-slot split), sends each part through the retry loop under the command
// policy, and combines the replies by the command's response policy.
//
// A part that was written and lost with its connection is never re-sent: the
// server may have run it. Parts still waiting for a connection are taken back
// when their node goes away and sent where the refreshed view says.
import { aggregate, COMMAND_RETRY_POLICY, type Plan, planCommand } from "@petrel/cluster";
import type { Command } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import { type CommandRequest, classifyServerError } from "../connection/command-request.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import type { Part, PartOutcome, RetryLoop } from "./retry-loop.js";
import type { TopologyManager } from "./topology-manager.js";

/** A part's result: its parsed value, or the error that ends it. */
type ParsedResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: Error };

const contexts = { 2: Object.freeze({ resp: 2 as const }), 3: Object.freeze({ resp: 3 as const }) };

export class RequestExecutor {
  readonly #loop: RetryLoop;
  readonly #attempts: AttemptTracker;
  readonly #topology: TopologyManager;

  constructor(loop: RetryLoop, attempts: AttemptTracker, topology: TopologyManager) {
    this.#loop = loop;
    this.#attempts = attempts;
    this.#topology = topology;
  }

  /** Starts `request`; it settles through its own resolve/reject. */
  run(request: CommandRequest<unknown>): void {
    this.#attempts.adopt(request);
    this.#execute(request).catch((error: unknown) => {
      request.fail(error instanceof Error ? error : new RequestError(String(error)));
    });
  }

  async #execute(request: CommandRequest<unknown>): Promise<void> {
    const options = this.#loop.planOptions;
    let view = await this.#topology.ready();
    let plan = planCommand(request.command, view, options);
    if (plan.kind === "unroutable" && isRecoverable(plan)) {
      // The view may be stale (a slot just got an owner, a node just joined): re-fetch once.
      await this.#topology.refresh("moved");
      view = await this.#topology.ready();
      plan = planCommand(request.command, view, options);
    }
    if (request.settled) return;
    if (plan.kind === "unroutable") {
      request.fail(plan.error);
      return;
    }
    if (plan.kind === "single") {
      const pinned = plan.slot === undefined && isPinnedRoute(request.command);
      const part = this.#loop.part(plan, pinned);
      const result = parsed(part, await this.#loop.run(request, part, COMMAND_RETRY_POLICY));
      if (result.ok) request.complete(result.value);
      else request.fail(result.error);
      return;
    }
    const pinned = !plan.split;
    const parts = plan.targets.map((target) => this.#loop.part(target, pinned));
    const outcomes = await Promise.all(
      parts.map((part) => this.#loop.run(request, part, COMMAND_RETRY_POLICY)),
    );
    if (request.settled) return;
    const values = outcomes.map((outcome, index) => {
      const result = parsed(parts[index] as Part, outcome);
      return result.ok ? result.value : result.error;
    });
    const outcome = aggregate(plan.response, values, plan);
    if (outcome.ok) request.complete(outcome.value);
    else request.fail(outcome.error);
  }
}

/** The part's reply shaped by its command's parser, or its error in GLIDE's class. */
function parsed(part: Part, outcome: PartOutcome): ParsedResult {
  if (outcome.kind === "failed") return { ok: false, error: outcome.error };
  const reply = outcome.reply;
  if (reply instanceof RequestError) return { ok: false, error: classifyServerError(reply) };
  try {
    const command = part.target.command as Command<unknown>;
    return { ok: true, value: command.spec.parse(reply, command, contexts[outcome.resp]) };
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
