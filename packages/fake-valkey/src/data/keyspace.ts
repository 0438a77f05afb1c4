// One logical database. Keys are stored by their latin1 string so any bytes
// round-trip; expiry is lazy (checked on access) against the injected clock.

import { type EncodingLimits, noteWrite } from "./encoding.js";
import { type AccessPolicy, decayed, LFU_INIT, type LfuCounter, touchCounter } from "./lfu.js";
import type { Clock, Entry, Keyspace } from "./types.js";

export function keyString(key: Buffer): string {
  return key.toString("latin1");
}

export function keyBuffer(key: string): Buffer {
  return Buffer.from(key, "latin1");
}

const NOTHING_TOUCHED: Buffer[] = Object.freeze([]) as unknown as Buffer[];
/** Hears of every change to a keyspace (CLIENT TRACKING invalidations). */
export interface KeyspaceObserver {
  /** A key was written, deleted or expired. */
  modified(name: string): void;
  /** The whole keyspace was emptied. */
  flushed(): void;
  /** A key that did not exist was written (the server's `new` event). */
  created?(key: Buffer): void;
}

class MemoryKeyspace implements Keyspace {
  private readonly entries = new Map<string, Entry>();
  private readonly versions = new Map<string, number>();
  private readonly touchedKeys = new Set<string>();
  private readonly accessedAt = new Map<string, number>();
  /** LFU counters, kept while the policy is an LFU one. */
  private readonly counters = new Map<string, LfuCounter>();
  private nextVersion = 1;
  /** Writes since the start (INFO's rdb_changes_since_last_save: nothing is ever saved). */
  changes = 0;
  /** False while a CLIENT NO-TOUCH client reads: reads leave the access time alone. */
  touching = true;

  constructor(
    private readonly clock: Clock,
    private readonly onExpired?: (key: Buffer) => void,
    private readonly observer?: KeyspaceObserver,
    private readonly limits?: EncodingLimits,
    readonly access?: AccessPolicy,
  ) {}

  get(key: Buffer): Entry | undefined {
    const name = keyString(key);
    const entry = this.live(name);
    if (entry !== undefined && this.touching) {
      const now = this.clock.now();
      this.accessedAt.set(name, now);
      if (this.access?.lfu === true) this.touchFrequency(name, now);
    }
    return entry;
  }

  private touchFrequency(name: string, now: number): void {
    const state = this.counters.get(name);
    if (state === undefined)
      this.counters.set(name, { counter: LFU_INIT, minutes: Math.floor(now / 60_000) });
    else if (this.access !== undefined) touchCounter(state, this.access, now);
  }

  /** OBJECT FREQ: the key's LFU counter after decay, without touching it. */
  frequency(key: Buffer): number {
    const state = this.counters.get(keyString(key));
    if (state === undefined || this.access === undefined) return LFU_INIT;
    return decayed(state, this.access, this.clock.now());
  }

  /** RESTORE … IDLETIME / FREQ: sets the access time or the LFU counter. */
  setAccess(key: Buffer, access: { readonly idleMs?: number; readonly frequency?: number }): void {
    const name = keyString(key);
    const now = this.clock.now();
    if (access.idleMs !== undefined) this.accessedAt.set(name, now - access.idleMs);
    if (access.frequency !== undefined)
      this.counters.set(name, { counter: access.frequency, minutes: Math.floor(now / 60_000) });
  }

  /** When the key was last read or written (OBJECT IDLETIME), without touching it. */
  lastAccess(key: Buffer): number | undefined {
    const name = keyString(key);
    return this.entries.has(name) ? this.accessedAt.get(name) : undefined;
  }

  put(key: Buffer, entry: Entry): void {
    const name = keyString(key);
    const created = this.observer?.created !== undefined && this.live(name) === undefined;
    this.entries.set(name, entry);
    noteWrite(entry, this.limits);
    const now = this.clock.now();
    this.accessedAt.set(name, now);
    // A new value starts at the initial count; an overwritten one keeps its counter.
    if (this.access?.lfu === true && !this.counters.has(name))
      this.counters.set(name, { counter: LFU_INIT, minutes: Math.floor(now / 60_000) });
    this.bump(name);
    this.changes++;
    if (created) this.observer?.created?.(key);
  }

  delete(key: Buffer): boolean {
    const name = keyString(key);
    if (this.live(name) === undefined) return false;
    this.entries.delete(name);
    this.accessedAt.delete(name);
    this.counters.delete(name);
    this.bump(name);
    this.changes++;
    return true;
  }

  has(key: Buffer): boolean {
    return this.live(keyString(key)) !== undefined;
  }

  keys(): Buffer[] {
    const out: Buffer[] = [];
    for (const name of [...this.entries.keys()]) {
      if (this.live(name) !== undefined) out.push(keyBuffer(name));
    }
    return out;
  }

  get size(): number {
    let count = 0;
    for (const name of [...this.entries.keys()]) {
      if (this.live(name) !== undefined) count++;
    }
    return count;
  }

  flush(): void {
    for (const name of this.entries.keys()) this.bump(name, false);
    this.changes += this.entries.size;
    this.entries.clear();
    this.accessedAt.clear();
    this.counters.clear();
    this.observer?.flushed();
  }

  version(key: Buffer): number {
    const name = keyString(key);
    this.live(name);
    return this.versions.get(name) ?? 0;
  }

  touched(): Buffer[] {
    // Asked of every database after every command: most have nothing.
    if (this.touchedKeys.size === 0) return NOTHING_TOUCHED;
    const out = [...this.touchedKeys].map(keyBuffer);
    this.touchedKeys.clear();
    return out;
  }

  private live(name: string): Entry | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now()) {
      this.entries.delete(name);
      this.counters.delete(name);
      this.bump(name);
      this.onExpired?.(keyBuffer(name));
      return undefined;
    }
    return entry;
  }

  private bump(name: string, observed = true): void {
    this.versions.set(name, this.nextVersion++);
    this.touchedKeys.add(name);
    if (observed) this.observer?.modified(name);
  }
}

/** Writes to a keyspace made by createKeyspace since it was created. */
export function changesOf(db: Keyspace): number {
  return db instanceof MemoryKeyspace ? db.changes : 0;
}

/** Runs `read` without updating access times (OBJECT IDLETIME), as for a NO-TOUCH client. */
export function withoutTouching<T>(dbs: readonly Keyspace[], read: () => T): T {
  const spaces = dbs.filter((db): db is MemoryKeyspace => db instanceof MemoryKeyspace);
  for (const db of spaces) db.touching = false;
  try {
    return read();
  } finally {
    for (const db of spaces) db.touching = true;
  }
}

/** The access policy of a keyspace made by createKeyspace (undefined: LRU, nothing configured). */
export function accessPolicyOf(db: Keyspace): AccessPolicy | undefined {
  return db instanceof MemoryKeyspace ? db.access : undefined;
}

/** OBJECT FREQ of a key in a keyspace made by createKeyspace. */
export function frequencyOf(db: Keyspace, key: Buffer): number {
  return db instanceof MemoryKeyspace ? db.frequency(key) : LFU_INIT;
}

/** RESTORE's IDLETIME / FREQ on a keyspace made by createKeyspace. */
export function restoreAccess(
  db: Keyspace,
  key: Buffer,
  access: { readonly idleMs?: number; readonly frequency?: number },
): void {
  if (db instanceof MemoryKeyspace) db.setAccess(key, access);
}

/** Last access time of a key in a keyspace made by createKeyspace. */
export function lastAccessOf(db: Keyspace, key: Buffer): number | undefined {
  return db instanceof MemoryKeyspace ? db.lastAccess(key) : undefined;
}

/**
 * A keyspace; `onExpired` hears of each key that expires (for the "expired"
 * event), `observer` of every change; `limits` are the encoding thresholds
 * (the node's, which CONFIG SET changes in place), `access` the LFU policy.
 */
export function createKeyspace(
  clock: Clock,
  onExpired?: (key: Buffer) => void,
  observer?: KeyspaceObserver,
  limits?: EncodingLimits,
  access?: AccessPolicy,
): Keyspace {
  return new MemoryKeyspace(clock, onExpired, observer, limits, access);
}
