// Keys and values shared by the GET/SET workloads, and the untimed preload.
import type { BenchClient } from "../clients/bench-client.js";
import { runClosedLoop } from "../runner/closed-loop.js";

export const KEY_COUNT = 10_000;
export const SMALL_VALUE = "v".repeat(100);

export function keyFor(sequence: number): string {
  return `bench:key:${sequence % KEY_COUNT}`;
}

/** Writes every key once so GETs hit real values; not measured. */
export async function preloadKeyspace(client: BenchClient, value: string): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (let index = 0; index < KEY_COUNT; index++) {
    pending.push(client.set(keyFor(index), value));
    if (pending.length === 200) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

/** Runs the operation untimed so JIT and connection buffers settle before measuring. */
export async function warmUp(
  durationMs: number,
  concurrency: number,
  operation: (sequence: number) => Promise<unknown>,
): Promise<void> {
  if (durationMs > 0) await runClosedLoop({ concurrency, durationMs, operation });
}

/** The 80/20 operation: every fifth request a SET of the 100-byte value, the rest GETs. */
export function mixedOperation(client: BenchClient): (sequence: number) => Promise<unknown> {
  return (sequence) =>
    sequence % 5 === 4 ? client.set(keyFor(sequence), SMALL_VALUE) : client.get(keyFor(sequence));
}
