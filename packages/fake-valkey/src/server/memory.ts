// maxmemory as far as the fake models it. The fake's used memory is an
// estimate: a fresh server's footprint (about 1 MB) plus each key's
// `estimateMemoryUsage`, so it crosses maxmemory near where the server
// would, not at the same byte. Above maxmemory the node evicts keys per
// maxmemory-policy (`eviction.ts`); when that cannot bring it back under, the
// server refuses commands that may grow the dataset (deny-oom), every command
// queued in MULTI, and scripts that do not declare allow-oom.

import { keyBuffer, keyString, withoutTouching } from "../data/keyspace.js";
import type { Keyspace } from "../data/types.js";
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

/**
 * The estimate of a node's keys for maxmemory, kept current from the keys
 * written since it was last asked rather than recounted per command. Idle
 * (writes cost nothing here) until maxmemory is first checked.
 */
export class MemoryEstimate {
  private readonly sizes = new Map<Keyspace, Map<string, number>>();
  private readonly dirty = new Map<Keyspace, Set<string>>();
  private total = 0;
  private active = false;

  /** A key was written, deleted or expired. */
  modified(db: Keyspace, name: string): void {
    if (!this.active) return;
    const names = this.dirty.get(db);
    if (names === undefined) this.dirty.set(db, new Set([name]));
    else names.add(name);
  }

  /** A database was emptied. */
  flushed(db: Keyspace): void {
    if (!this.active) return;
    const sizes = this.sizes.get(db);
    if (sizes !== undefined) for (const bytes of sizes.values()) this.total -= bytes;
    sizes?.clear();
    this.dirty.get(db)?.clear();
  }

  /** maxmemory is off: forget everything and go idle. */
  reset(): void {
    if (!this.active) return;
    this.active = false;
    this.sizes.clear();
    this.dirty.clear();
    this.total = 0;
  }

  /** The estimated bytes of every key, read without touching access times. */
  datasetBytes(databases: readonly Keyspace[]): number {
    withoutTouching(databases, () => {
      if (!this.active) {
        this.active = true;
        for (const db of databases) for (const key of db.keys()) this.update(db, keyString(key));
        return;
      }
      for (const [db, names] of this.dirty) {
        for (const name of names) this.update(db, name);
        names.clear();
      }
    });
    return this.total;
  }

  private update(db: Keyspace, name: string): void {
    let sizes = this.sizes.get(db);
    if (sizes === undefined) {
      sizes = new Map();
      this.sizes.set(db, sizes);
    }
    this.total -= sizes.get(name) ?? 0;
    const key = keyBuffer(name);
    const entry = db.get(key);
    if (entry === undefined) {
      sizes.delete(name);
      return;
    }
    const bytes = estimateMemoryUsage(key, entry);
    sizes.set(name, bytes);
    this.total += bytes;
  }
}

/** The node's used memory: a fresh server's plus the estimate of its keys. */
export function usedMemory(node: FakeNode): number {
  return USED_MEMORY + node.memoryEstimate.datasetBytes(node.databases);
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
