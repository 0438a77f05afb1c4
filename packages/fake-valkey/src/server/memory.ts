// maxmemory as far as the fake models it. The fake's used memory is an
// estimate: a fresh server's footprint (about 1 MB) plus each key's
// `estimateMemoryUsage`, so it crosses maxmemory near where the server
// would, not at the same byte. Above maxmemory the node evicts keys per
// maxmemory-policy (`eviction.ts`); when that cannot bring it back under, the
// server refuses commands that may grow the dataset (deny-oom), every command
// queued in MULTI, and scripts that do not declare allow-oom.

import { changesOf, withoutTouching } from "../data/keyspace.js";
import type { CommandDef } from "./command-table.js";
import { hasFlag } from "./command-table.js";
import { estimateMemoryUsage } from "./commands/memory.js";
import type { FakeNode } from "./node.js";
import type { Session } from "./session.js";

/** The server's reply to a command refused out of memory. */
export const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";

/** A fresh server's used memory: what the fake counts besides its keys. */
export const USED_MEMORY = 1_048_576;

/** The estimated bytes of every key of every database, read without touching access times. */
export function datasetBytes(node: FakeNode): number {
  return withoutTouching(node.databases, () => {
    let total = 0;
    for (const db of node.databases)
      for (const key of db.keys()) {
        const entry = db.get(key);
        if (entry !== undefined) total += estimateMemoryUsage(key, entry);
      }
    return total;
  });
}

/** The last estimate per node, valid while no database has changed since. */
const estimates = new WeakMap<FakeNode, { changes: number; bytes: number }>();

/** The node's used memory: a fresh server's plus the estimate of its keys. */
export function usedMemory(node: FakeNode): number {
  let changes = 0;
  for (const db of node.databases) changes += changesOf(db);
  const cached = estimates.get(node);
  if (cached !== undefined && cached.changes === changes) return cached.bytes;
  const bytes = USED_MEMORY + datasetBytes(node);
  estimates.set(node, { changes, bytes });
  return bytes;
}

/** True when maxmemory is set below the memory the node uses (replicas ignore it). */
export function overMaxmemory(node: FakeNode): boolean {
  const limit = node.config.getNumber("maxmemory");
  if (limit <= 0 || node.isReplica) return false;
  return limit < USED_MEMORY || usedMemory(node) > limit;
}

/** Commands still served in MULTI when out of memory. */
const ALWAYS_IN_MULTI = new Set(["exec", "discard", "quit", "reset"]);

/**
 * Whether a command is refused when out of memory: deny-oom commands (for
 * scripts, as their declared flags say), anything queued in MULTI, and EXEC
 * of a transaction holding a deny-oom command.
 */
export function refusedOutOfMemory(
  session: Session,
  def: CommandDef,
  args: Buffer[],
  scriptDeniesOom: (session: Session, def: CommandDef, args: Buffer[]) => boolean,
): boolean {
  const denies = (command: CommandDef, commandArgs: Buffer[]) =>
    hasFlag(command, "denyoom") || scriptDeniesOom(session, command, commandArgs);
  if (def.name === "exec")
    return (session.transaction?.queue ?? []).some((queued) => denies(queued.def, queued.args));
  if (session.transaction !== undefined && !ALWAYS_IN_MULTI.has(def.name)) return true;
  return denies(def, args);
}
