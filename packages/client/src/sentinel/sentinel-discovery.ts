// The discovery loop: ask the sentinels, confirm the primary they name with the
// node itself (a sentinel that lags names a demoted primary), and try again
// briefly while a failover is still settling, up to the connection timeout.
import { ConnectionError } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import { addressKey } from "./replies.js";
import type { SentinelAnswer, SentinelLocator } from "./sentinel-locator.js";

/** Pause between rounds when no sentinel named a confirmed primary. */
const ROUND_PAUSE_MS = 100;

export interface DiscoveryOptions {
  /**
   * The primary to use for `answer`, once a node says it is one (INFO replication): its
   * `primary`, or one standing in for it (a replica being promoted); undefined if none is yet.
   */
  readonly confirm: (answer: SentinelAnswer) => Promise<ResolvedAddress | undefined>;
  /** Milliseconds the whole discovery may take. */
  readonly budgetMs: number;
  /** Stops the loop (the client closed). */
  readonly cancelled: () => boolean;
}

/** Finds a confirmed primary, or throws a ConnectionError saying what each sentinel said. */
export async function discoverPrimary(
  locator: SentinelLocator,
  options: DiscoveryOptions,
): Promise<SentinelAnswer> {
  const deadline = performance.now() + options.budgetMs;
  let problems: string[] = [];
  for (;;) {
    const replies = await locator.askAll();
    problems = [];
    const tried = new Set<string>();
    for (const reply of replies) {
      if (reply.answer === undefined) {
        problems.push(reply.problem);
        continue;
      }
      const key = addressKey(reply.answer.primary);
      if (tried.has(key)) continue;
      tried.add(key);
      const primary = await options.confirm(reply.answer);
      if (primary !== undefined) return { ...reply.answer, primary };
      problems.push(`${reply.answer.sentinel} named ${key}, which is not a primary (yet)`);
    }
    if (options.cancelled()) throw new ConnectionError("Sentinel discovery cancelled: closing");
    // Every sentinel knows no such name, or refused the credentials: waiting will not help.
    const hopeless =
      replies.length > 0 && replies.every((reply) => reply.problem !== undefined && reply.final);
    if (hopeless || performance.now() + ROUND_PAUSE_MS >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
  }
  throw new ConnectionError(
    `No primary named "${locator.primaryName}" found through the sentinels: ${problems.join("; ")}`,
  );
}
