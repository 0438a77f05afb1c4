// Reconnect delays. GLIDE's rule: factor * exponentBase^n, where n stops growing
// after numberOfRetries, plus up to jitterPercent of random extra.
import type { ResolvedBackoff } from "../config/resolved.js";

const MAX_DELAY_MS = 2 ** 31 - 1;

/** The delay in ms before reconnect attempt `attempt` (0-based). */
export function backoffDelay(
  strategy: ResolvedBackoff,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(attempt, strategy.numberOfRetries);
  const base = strategy.factor * strategy.exponentBase ** exponent;
  const jitter = (base * strategy.jitterPercent * random()) / 100;
  // Beyond setTimeout's range Node would fire after 1 ms: a reconnect storm, not a long wait.
  return Math.min(MAX_DELAY_MS, Math.round(base + jitter));
}
