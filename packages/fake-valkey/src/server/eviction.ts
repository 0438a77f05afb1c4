// Eviction under maxmemory, as the server's performEvictions (evict.c) runs it
// before every command: while the used memory (the fake's estimate,
// `memory.ts`) is above maxmemory, delete keys chosen by maxmemory-policy,
// publishing `evicted` for each, until under the limit or nothing is left to
// evict. Sampling works as the server's: `maxmemory-samples` random keys per
// database, the best candidate among them goes (the server keeps a pool of
// candidates between rounds; the fake samples afresh each round).

import { frequencyOf, lastAccessOf, withoutTouching } from "../data/keyspace.js";
import type { Entry, Keyspace } from "../data/types.js";
import { estimateMemoryUsage } from "./commands/memory.js";
import { usedMemory } from "./memory.js";
import type { FakeNode } from "./node.js";

/** The policies CONFIG SET maxmemory-policy accepts, in the server's error-message order. */
export const EVICTION_POLICIES = [
  "volatile-lru",
  "volatile-lfu",
  "volatile-random",
  "volatile-ttl",
  "allkeys-lru",
  "allkeys-lfu",
  "allkeys-random",
  "noeviction",
] as const;

/** CONFIG SET's check of maxmemory-policy: the reason a value is refused, or undefined. */
export function validateEvictionPolicy(value: string): string | undefined {
  return (EVICTION_POLICIES as readonly string[]).includes(value.toLowerCase())
    ? undefined
    : `argument(s) must be one of the following: ${EVICTION_POLICIES.join(", ")}`;
}

/** Keys evicted per node since start or CONFIG RESETSTAT (INFO's evicted_keys). */
const evictedCounts = new WeakMap<FakeNode, number>();

/** INFO stats' evicted_keys. */
export function evictedKeys(node: FakeNode): number {
  return evictedCounts.get(node) ?? 0;
}

/** CONFIG RESETSTAT: evicted_keys back to 0. */
export function resetEvictedKeys(node: FakeNode): void {
  evictedCounts.delete(node);
}

/** One database's keys that the policy may evict, with what the choice needs. */
interface Candidates {
  readonly index: number;
  readonly db: Keyspace;
  readonly keys: Buffer[];
}

/**
 * Evicts keys until the node's used memory is within maxmemory. Returns true
 * when the node is still out of memory (nothing left that the policy may
 * evict, or the policy is noeviction), so deny-oom commands get OOM.
 * Replicas evict nothing and are never out of memory (the server's
 * replica-ignore-maxmemory default): their primary's deletions reach them.
 */
export function performEvictions(node: FakeNode): boolean {
  const limit = node.config.getNumber("maxmemory");
  if (limit <= 0 || node.isReplica) {
    node.memoryEstimate.reset();
    return false;
  }
  let used = usedMemory(node);
  if (used <= limit) return false;
  const policy = node.config.get("maxmemory-policy").toLowerCase();
  if (policy === "noeviction") return true;
  const volatile = policy.startsWith("volatile-");
  const pools = withoutTouching(node.databases, () => candidates(node, volatile));
  let evicted = 0;
  while (used > limit) {
    const chosen = choose(node, pools, policy);
    if (chosen === undefined) break;
    const { pool, position } = chosen;
    const key = pool.keys[position] as Buffer;
    // Swap-remove: the order of the remaining candidates does not matter.
    pool.keys[position] = pool.keys[pool.keys.length - 1] as Buffer;
    pool.keys.pop();
    const entry = withoutTouching(node.databases, () => pool.db.get(key));
    if (entry === undefined) continue;
    used -= estimateMemoryUsage(key, entry);
    pool.db.delete(key);
    node.notifyKeyspaceEvent("e", "evicted", key, pool.index);
    evicted++;
  }
  if (evicted > 0) {
    evictedCounts.set(node, evictedKeys(node) + evicted);
    // The deletions reach the replicas (and blocked clients) now, before the command runs.
    node.propagate();
  }
  return used > limit;
}

function candidates(node: FakeNode, volatile: boolean): Candidates[] {
  const pools: Candidates[] = [];
  node.databases.forEach((db, index) => {
    const keys = volatile
      ? db.keys().filter((key) => db.get(key)?.expiresAt !== undefined)
      : db.keys();
    if (keys.length > 0) pools.push({ index, db, keys });
  });
  return pools;
}

/** The next key to evict: its database's candidates and its position there. */
function choose(
  node: FakeNode,
  pools: readonly Candidates[],
  policy: string,
): { pool: Candidates; position: number } | undefined {
  const live = pools.filter((pool) => pool.keys.length > 0);
  if (live.length === 0) return undefined;
  if (policy.endsWith("-random")) {
    const pool = live[Math.floor(node.random() * live.length)] as Candidates;
    return { pool, position: Math.floor(node.random() * pool.keys.length) };
  }
  const samples = Math.max(1, node.config.getNumber("maxmemory-samples"));
  const now = node.clock.now();
  let best: { pool: Candidates; position: number; score: number } | undefined;
  for (const pool of live) {
    for (const position of samplePositions(node, pool.keys.length, samples)) {
      const key = pool.keys[position] as Buffer;
      const score = withoutTouching(node.databases, () => evictionScore(pool.db, key, policy, now));
      if (best === undefined || score > best.score) best = { pool, position, score };
    }
  }
  return best;
}

/** Up to `count` distinct random positions below `length` (all of them when `count` covers it). */
function samplePositions(node: FakeNode, length: number, count: number): number[] {
  if (count >= length) return Array.from({ length }, (_, i) => i);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(node.random() * length));
  return [...picked];
}

/** Higher evicts first: idle time (LRU), rarity (LFU), nearness of expiry (TTL). */
function evictionScore(db: Keyspace, key: Buffer, policy: string, now: number): number {
  if (policy.endsWith("-lfu")) return 255 - frequencyOf(db, key);
  if (policy.endsWith("-ttl")) {
    const entry: Entry | undefined = db.get(key);
    return entry?.expiresAt === undefined ? Number.NEGATIVE_INFINITY : -entry.expiresAt;
  }
  return now - (lastAccessOf(db, key) ?? now);
}
