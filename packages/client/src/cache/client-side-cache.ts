// GLIDE's client-side cache configuration object. One instance is one cache:
// clients given the same instance share its entries and its metrics. The store
// itself is created on first use and kept off the public surface.
import { ConfigurationError } from "@petrel/protocol";
import { ATTACH_CLIENT } from "./attach.js";
import { CacheStore } from "./cache-store.js";
import { ClientCache } from "./client-cache.js";

/** How the cache chooses what to drop when it is full (GLIDE's enum values). */
export enum EvictionPolicy {
  /** Least recently used: drops the entry read longest ago. The default. */
  LRU = 0,
  /** Least frequently used: drops the entry read least often (oldest first among equals). */
  LFU = 1,
}

/** The options of `new ClientSideCache(config)`. */
export interface ClientSideCacheConfig {
  /** The size budget in KiB (key and value bytes of every entry); greater than 0. */
  maxCacheKb: number;
  /** How long an entry may be served, in milliseconds; 0 means no expiry. */
  entryTtlMs: number;
  /** Default `EvictionPolicy.LRU`. */
  evictionPolicy?: EvictionPolicy;
  /** Count hits, misses, evictions and expirations; default false. */
  enableMetrics?: boolean;
  /**
   * Let the server tell the client when a cached key changes (`CLIENT TRACKING`); default false.
   * Petrel enables default (per-key) tracking on every connection that serves cached reads,
   * and needs RESP3 (see `docs/client-side-caching.md`).
   */
  serverAssisted?: boolean;
}

/** The options of `ClientSideCache.create(maxCacheKb, entryTtlMs, options)`. */
export interface ClientSideCacheOptions {
  /** Default `EvictionPolicy.LRU`. */
  evictionPolicy?: EvictionPolicy;
  /** Default false. */
  enableMetrics?: boolean;
  /** Default false. */
  serverAssisted?: boolean;
}

function fail(field: string, problem: string): never {
  throw new ConfigurationError(`Invalid configuration: clientSideCache.${field} ${problem}`);
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") fail(field, "must be a boolean");
  return value;
}

const stores = new WeakMap<ClientSideCache, CacheStore>();
let createdCaches = 0;

/** A process-unique id; not node:crypto's UUID, which would load crypto for plain clients. */
function newCacheId(): string {
  createdCaches++;
  return `cache-${Date.now().toString(36)}-${createdCaches}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Client-side caching of `GET`, `HGETALL` and `SMEMBERS` replies (single commands; batches
 * bypass it), bounded by `maxCacheKb` and `entryTtlMs`, with LRU or LFU eviction. Pass it as
 * `clientSideCache` in a client's configuration; clients given the same instance share it.
 *
 * Petrel also evicts a key when the client itself writes it, and with `serverAssisted` keeps
 * entries fresh through `CLIENT TRACKING` (see `docs/client-side-caching.md`).
 *
 * @example
 * ```typescript
 * const cache = ClientSideCache.create(1024, 60_000, { serverAssisted: true });
 * const client = await GlideClient.createClient({ addresses, clientSideCache: cache });
 * ```
 */
export class ClientSideCache {
  /** This cache's identity; clients with the same `cacheId` share entries. */
  readonly cacheId: string;
  /** The size budget in KiB. */
  readonly maxCacheKb: number;
  /** Entry lifetime in milliseconds; 0 means no expiry. */
  readonly entryTtlMs: number;
  /** How entries are chosen for eviction; `undefined` means LRU. */
  readonly evictionPolicy?: EvictionPolicy;
  /** Whether metrics are collected. */
  readonly enableMetrics: boolean;
  /** Whether the server invalidates entries (`CLIENT TRACKING`). */
  readonly serverAssisted: boolean;

  /**
   * Checks and keeps `config`.
   *
   * @throws ConfigurationError naming the field: `maxCacheKb` not a positive finite number,
   *   `entryTtlMs` negative or not finite, an unknown `evictionPolicy`, a non-boolean flag.
   */
  constructor(config: ClientSideCacheConfig) {
    if (typeof config !== "object" || config === null) {
      throw new ConfigurationError("Invalid configuration: clientSideCache must be an object");
    }
    const { maxCacheKb, entryTtlMs, evictionPolicy } = config;
    if (typeof maxCacheKb !== "number" || !Number.isFinite(maxCacheKb) || maxCacheKb <= 0) {
      fail("maxCacheKb", "must be a positive number");
    }
    if (typeof entryTtlMs !== "number" || !Number.isFinite(entryTtlMs) || entryTtlMs < 0) {
      fail("entryTtlMs", "must be non-negative (0 = no expiration)");
    }
    if (
      evictionPolicy !== undefined &&
      evictionPolicy !== EvictionPolicy.LRU &&
      evictionPolicy !== EvictionPolicy.LFU
    ) {
      fail("evictionPolicy", "must be EvictionPolicy.LRU (0) or EvictionPolicy.LFU (1)");
    }
    this.enableMetrics = optionalBoolean(config.enableMetrics, "enableMetrics");
    this.serverAssisted = optionalBoolean(config.serverAssisted, "serverAssisted");
    this.cacheId = newCacheId();
    this.maxCacheKb = maxCacheKb;
    this.entryTtlMs = entryTtlMs;
    if (evictionPolicy !== undefined) this.evictionPolicy = evictionPolicy;
  }

  /**
   * A cache of `maxCacheKb` KiB whose entries live `entryTtlMs` milliseconds (0: no expiry).
   *
   * @throws ConfigurationError as the constructor does.
   */
  static create(
    maxCacheKb: number,
    entryTtlMs: number,
    options?: ClientSideCacheOptions,
  ): ClientSideCache {
    return new ClientSideCache({
      maxCacheKb,
      entryTtlMs,
      ...(options?.evictionPolicy === undefined ? {} : { evictionPolicy: options.evictionPolicy }),
      ...(options?.enableMetrics === undefined ? {} : { enableMetrics: options.enableMetrics }),
      ...(options?.serverAssisted === undefined ? {} : { serverAssisted: options.serverAssisted }),
    });
  }

  /** Internal: one client's view of this cache, made when the client is created. */
  [ATTACH_CLIENT](): ClientCache {
    return new ClientCache(this);
  }
}

/** The store behind `cache`, created on first use; shared by every client given `cache`. */
export function storeOf(cache: ClientSideCache): CacheStore {
  let store = stores.get(cache);
  if (store === undefined) {
    store = new CacheStore({
      cacheId: cache.cacheId,
      maxBytes: Math.floor(cache.maxCacheKb * 1024),
      ttlMs: cache.entryTtlMs,
      lfu: cache.evictionPolicy === EvictionPolicy.LFU,
      metrics: cache.enableMetrics,
    });
    stores.set(cache, store);
  }
  return store;
}
