// Random picks for SRANDMEMBER, HRANDFIELD and ZRANDMEMBER: a non-negative
// count returns distinct items (at most all of them), a negative count returns
// |count| items that may repeat. Uses the context's seeded random.

import { distinctIndexes } from "./command.js";
import { Errors, fail } from "./errors.js";

const LONG_MAX = 2n ** 63n - 1n;

/** Rejects counts the server refuses when it would have to reply with pairs. */
export function checkPairCount(count: bigint): void {
  if (count < -(LONG_MAX / 2n) || count > LONG_MAX / 2n) fail(Errors.outOfRange);
}

/** One item, uniformly; `items` must not be empty. */
export function pickOne<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Repeated picks beyond this would only exhaust memory (the server would, too). */
const MAX_REPEATED_PICKS = 10_000_000;

export function pickRandom<T>(items: readonly T[], count: number, random: () => number): T[] {
  if (-count > MAX_REPEATED_PICKS && items.length > 0) fail(Errors.outOfRange);
  if (count >= 0) return distinctIndexes(items.length, count, random).map((i) => items[i] as T);
  const picked: T[] = [];
  if (items.length === 0) return picked;
  for (let i = 0; i < -count; i++) picked.push(pickOne(items, random));
  return picked;
}
