// One client's side of a (possibly shared) ClientSideCache: serves GET,
// HGETALL and SMEMBERS from the store, stores their replies when no
// invalidation raced them, evicts the keys of the client's own writes, applies
// the server's invalidation pushes, and drops what a lost tracking connection
// or a topology change may have left unguarded. The client calls it only when
// configured with `clientSideCache`; see docs/client-side-caching.md.
import { type Command, CommandFlags, extractKeys } from "@petrel/commands";
import { type CommandArg, RequestError, type RespValue } from "@petrel/protocol";
import type { CacheStore, TrackingScope } from "./cache-store.js";
import { cacheKey, copyValue, valueBytes } from "./cache-values.js";
import { type ClientSideCache, storeOf } from "./client-side-cache.js";

/** The GLIDE command names whose replies are cached. */
const CACHED = new Set(["Get", "HGetAll", "SMembers"]);
/** Commands that may change their keys (EVAL and FCALL are MAY_REPLICATE, not WRITE). */
const WRITES = CommandFlags.WRITE | CommandFlags.MAY_REPLICATE;
/**
 * Commands after which no entry can be trusted: keyless writes that change a whole database,
 * and SELECT, after which the same names are other keys (entries do not record a database).
 */
const WHOLE_KEYSPACE = new Set(["FLUSHALL", "FLUSHDB", "SWAPDB", "SELECT"]);
/** Default (per-key) tracking: the server remembers only the keys this connection read. */
const TRACKING_ON: readonly CommandArg[] = Object.freeze(["CLIENT", "TRACKING", "ON"]);

const METRICS_NOT_ENABLED = "Cache metrics tracking is not enabled";

/** GLIDE's cache metrics, by the names of the client methods that read them. */
export type CacheMetricName =
  | "hitRate"
  | "missRate"
  | "entryCount"
  | "evictions"
  | "expirations"
  | "totalLookups";

/** The client-side cache's part of `getStatistics()`; the counters need `enableMetrics`. */
export interface CacheStatistics {
  cache_entry_count?: string;
  cache_bytes?: string;
  cache_hits?: string;
  cache_misses?: string;
  cache_evictions?: string;
  cache_expirations?: string;
  cache_invalidations?: string;
}

export class ClientCache {
  readonly store: CacheStore;
  readonly serverAssisted: boolean;
  /** This client's connections: a lost one, or a new topology, moves the epoch. */
  readonly scope: TrackingScope = { epoch: 0 };
  /** Sent after every handshake of a connection that serves reads. */
  readonly handshake: readonly (readonly CommandArg[])[];

  constructor(cache: ClientSideCache) {
    this.store = storeOf(cache);
    this.serverAssisted = cache.serverAssisted;
    this.handshake = cache.serverAssisted ? [TRACKING_ON] : [];
  }

  /** Runs `command` through the cache: a hit resolves at once, anything else goes to `dispatch`. */
  send<T>(
    command: Command<T>,
    asBuffers: boolean,
    dispatch: (command: Command<T>) => Promise<T>,
  ): Promise<T> {
    const spec = command.spec;
    if (CACHED.has(spec.glideName)) {
      const key = cacheKey(command.args[1]);
      if (key === undefined) return dispatch(command);
      const entry = this.store.lookup(key, spec.glideName, asBuffers);
      if (entry !== undefined) return Promise.resolve(copyValue(entry.value as T));
      return this.#read(command, key, asBuffers, dispatch);
    }
    if ((spec.flags & WRITES) === 0 && !WHOLE_KEYSPACE.has(spec.name)) return dispatch(command);
    this.written(command);
    const sent = dispatch(command);
    // Again once the write is done: a read served elsewhere (a replica) while the write was
    // on its way may have stored the old value.
    const evict = () => this.written(command);
    sent.then(evict, evict);
    return sent;
  }

  /**
   * The reply of a single `kind` read (GLIDE's command name) of `key` when the cache holds it,
   * without building a Command; undefined when the read must go through `send` (a miss, a
   * Buffer or non-ASCII key, an expired entry): `send` then counts and cleans up as usual.
   */
  hit(kind: string, key: unknown, asBuffers: boolean): Promise<unknown> | undefined {
    if (typeof key !== "string") return undefined;
    const entry = this.store.hit(key, kind, asBuffers);
    if (entry === undefined) return undefined;
    const value = entry.value;
    if (typeof value !== "string") return Promise.resolve(copyValue(value));
    entry.reply ??= Promise.resolve(value);
    return entry.reply;
  }

  /** Evicts the keys `command` may change (or everything, for a flush or a SELECT). */
  written(command: Command<unknown>): void {
    const spec = command.spec;
    if (WHOLE_KEYSPACE.has(spec.name)) {
      this.store.clear();
      return;
    }
    if ((spec.flags & WRITES) === 0) return;
    for (const key of extractKeys(spec.keys, command.args)) {
      const name = cacheKey(key);
      if (name !== undefined) this.store.invalidate(name);
    }
  }

  /** A push from a connection of this client: applies `invalidate` pushes. */
  onPush(push: RespValue[]): void {
    const kind = push[0];
    const name = typeof kind === "string" ? kind : Buffer.isBuffer(kind) ? kind.toString() : "";
    if (name !== "invalidate") return;
    const keys = push[1];
    if (!Array.isArray(keys)) {
      // A null invalidation: FLUSHALL / FLUSHDB, or the server's tracking table overflowed.
      this.store.clear();
      return;
    }
    for (const key of keys) {
      const found = cacheKey(key);
      if (found !== undefined) this.store.invalidate(found);
    }
  }

  /**
   * A connection of this client was lost, or the cluster's topology changed: invalidations of
   * the keys read so far may never arrive, so those entries must not be served.
   */
  invalidationsMayBeLost(): void {
    if (this.serverAssisted) this.scope.epoch++;
  }

  /** One of GLIDE's cache metrics, or GLIDE's error when metrics are off. */
  metric(name: CacheMetricName): number {
    const store = this.store;
    if (name === "entryCount") return store.entryCount;
    const metrics = store.metrics;
    if (metrics === undefined) throw new RequestError(METRICS_NOT_ENABLED);
    const lookups = metrics.hits + metrics.misses;
    switch (name) {
      case "hitRate":
        return lookups === 0 ? 0 : metrics.hits / lookups;
      case "missRate":
        return lookups === 0 ? 0 : metrics.misses / lookups;
      case "evictions":
        return metrics.evictions;
      case "expirations":
        return metrics.expirations;
      case "totalLookups":
        return lookups;
    }
  }

  /** The cache's counters for `getStatistics()` (GLIDE's string values). */
  statistics(): CacheStatistics {
    const store = this.store;
    const metrics = store.metrics;
    return {
      cache_entry_count: String(store.entryCount),
      cache_bytes: String(store.bytes),
      ...(metrics === undefined
        ? {}
        : {
            cache_hits: String(metrics.hits),
            cache_misses: String(metrics.misses),
            cache_evictions: String(metrics.evictions),
            cache_expirations: String(metrics.expirations),
            cache_invalidations: String(metrics.invalidations),
          }),
    };
  }

  /** The rejection of a metrics call on a client without a cache. */

  #read<T>(
    command: Command<T>,
    key: string,
    asBuffers: boolean,
    dispatch: (command: Command<T>) => Promise<T>,
  ): Promise<T> {
    const store = this.store;
    const token = store.beginRead(key);
    const epoch = this.scope.epoch;
    return dispatch(command).then(
      (value) => {
        // Stored only if no invalidation or write of the key, and no lost connection, came
        // while the read was on its way; nil replies are not stored (GLIDE's rule).
        if (store.settleRead(key, token) && epoch === this.scope.epoch && value !== null) {
          const copy = copyValue(value);
          store.insert(
            key,
            command.spec.glideName,
            asBuffers,
            copy,
            key.length + valueBytes(copy),
            this.scope,
          );
        }
        return value;
      },
      (error: unknown) => {
        store.settleRead(key, token);
        throw error;
      },
    );
  }
}
