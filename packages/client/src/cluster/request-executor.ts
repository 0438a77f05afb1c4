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
import type { AttemptOutcome } from "./attempt.js";
import type { AttemptTracker } from "./attempt-tracker.js";
import { DirectAttempt } from "./direct-attempt.js";
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
    const view = this.#topology.current;
    const plan =
      view === undefined ? undefined : planCommand(request.command, view, this.#loop.planOptions);
    if (plan?.kind === "single") {
      const connection = this.#loop.connectionFor(plan.node);
      if (connection.state === "ready") {
        // The common case, a keyed command to a live node: written in this call, settled by
        // its reply, with the retry loop entered only when the reply asks for it.
        const attempt = new DirectAttempt(request, plan, connection, this.#handover);
        connection.send(attempt);
        if (!attempt.written && !attempt.finished) {
          // The connection went down under us: it waits, and a node change must reach it.
          attempt.tracked = true;
          this.#attempts.watch(request, attempt, connection);
        }
        return;
      }
    }
    this.#execute(request, plan).catch(this.#failer(request));
  }

  /** A direct try's outcome needs the retry loop: it carries on from it. */
  readonly #handover = (attempt: DirectAttempt, outcome: AttemptOutcome): void => {
    const request = attempt.request;
    if (attempt.tracked) this.#attempts.finish(request, attempt);
    // Never inside the connection's own callback (a socket being dropped, a reply being
    // read): the loop may send again, and must see the connection after that step is over.
    queueMicrotask(() => {
      this.#resume(attempt, outcome).catch(this.#failer(request));
    });
  };

  #failer(request: CommandRequest<unknown>): (error: unknown) => void {
    return (error) =>
      request.fail(error instanceof Error ? error : new RequestError(String(error)));
  }

  async #resume(attempt: DirectAttempt, sent: AttemptOutcome): Promise<void> {
    const { request, target } = attempt;
    const part = this.#loop.part(
      target,
      target.slot === undefined && isPinnedRoute(request.command),
    );
    // The pool may hold a new connection by now; the outcome belongs to the one that carried it.
    part.connection = attempt.connection;
    const result = parsed(part, await this.#loop.run(request, part, COMMAND_RETRY_POLICY, sent));
    if (result.ok) request.complete(result.value);
    else request.fail(result.error);
  }

  async #execute(request: CommandRequest<unknown>, planned: Plan | undefined): Promise<void> {
    const options = this.#loop.planOptions;
    let plan = planned ?? planCommand(request.command, await this.#topology.ready(), options);
    if (plan.kind === "unroutable" && isRecoverable(plan)) {
      // The view may be stale (a slot just got an owner, a node just joined): re-fetch once.
      await this.#topology.refresh("moved");
      plan = planCommand(request.command, await this.#topology.ready(), options);
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
