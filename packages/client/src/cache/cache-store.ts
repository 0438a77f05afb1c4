// The entries of one ClientSideCache: a byte budget, a TTL, LRU or LFU
// eviction, GLIDE's metrics, and the two freshness tools the clients use:
// scope epochs (every entry read through a connection scope dies when that
// scope's epoch moves, e.g. a tracking connection dropped) and read tokens (a
// reply is stored only if no invalidation of its key arrived while it was on
// its way). Events also go to the `cache` diagnostics channel (for
// @petrel/otel's counters) when someone listens.
import { type CacheMessage, channels } from "../instrumentation/channels.js";
import { isAscii } from "./cache-values.js";

/** A group of connections whose invalidations can be lost together (one client's). */
export interface TrackingScope {
  /** Moves when invalidations may have been lost; entries read before are dropped. */
  epoch: number;
}

/** One cached reply. */
export interface CacheEntry {
  readonly key: string;
  /**
   * Whether `key` is ASCII, so a caller's string equal to it names this very key (a non-ASCII
   * key's name is its UTF-8 bytes as Latin-1, which another string may spell).
   */
  readonly plain: boolean;
  /** The command that read it (`GET`, `HGETALL`, `SMEMBERS`): a GET never sees a hash. */
  readonly kind: string;
  /** Whether `value` holds Buffers (Decoder.Bytes) or strings. */
  readonly asBuffers: boolean;
  readonly value: unknown;
  /**
   * A string `value` as a resolved promise, made on the first hit: every hit of an immutable
   * value can return the same one (values with Buffers or containers are copied per hit).
   */
  reply: Promise<unknown> | undefined;
  /** Key and value bytes, as the budget counts them. */
  readonly size: number;
  /** `performance.now()` after which the entry is expired; 0 for never. */
  readonly expiresAt: number;
  readonly scope: TrackingScope;
  readonly epoch: number;
  /** LFU only: reads so far (1 on insert). */
  frequency: number;
  /** The neighbours in its EntryList (recency for LRU, its frequency's bucket for LFU). */
  older: CacheEntry | undefined;
  newer: CacheEntry | undefined;
}

export interface CacheStoreSettings {
  /** The ClientSideCache's id, in the `cache` channel's messages. */
  readonly cacheId: string;
  readonly maxBytes: number;
  /** 0: no expiry. */
  readonly ttlMs: number;
  readonly lfu: boolean;
  readonly metrics: boolean;
}

/** GLIDE's counters, plus Petrel's invalidation count. */
export interface CacheMetrics {
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly expirations: number;
  readonly invalidations: number;
}

/**
 * Entries in order of their last move (oldest first), linked through the entries themselves:
 * moving one costs a few pointer writes, where reordering a Map or Set (delete, then add) on
 * every hit cost more than the rest of a hit together.
 */
class EntryList {
  oldest: CacheEntry | undefined;
  newest: CacheEntry | undefined;

  /** Puts `entry` at the newest end. */
  append(entry: CacheEntry): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }

  /** Takes `entry` out. */
  unlink(entry: CacheEntry): void {
    const { older, newer } = entry;
    if (older === undefined) this.oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.newest = older;
    else newer.older = older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}

export class CacheStore {
  readonly settings: CacheStoreSettings;
  /** Every entry, by key. */
  readonly #entries = new Map<string, CacheEntry>();
  /** LRU only: every entry, least recently read first. */
  #recency = new EntryList();
  /** LFU only: entries by frequency, each bucket oldest first. */
  readonly #buckets = new Map<number, EntryList>();
  #minFrequency = 1;
  #bytes = 0;
  /** Reads on their way: key → the token of the latest one. */
  readonly #pending = new Map<string, number>();
  #nextToken = 1;
  readonly #counts = { hit: 0, miss: 0, eviction: 0, expiration: 0, invalidation: 0 };

  constructor(settings: CacheStoreSettings) {
    this.settings = settings;
  }

  /** Entries held now. */
  get entryCount(): number {
    return this.#entries.size;
  }

  /** Bytes held now, as the budget counts them. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The counters, or undefined when metrics are off. */
  get metrics(): CacheMetrics | undefined {
    if (!this.settings.metrics) return undefined;
    const counts = this.#counts;
    return {
      hits: counts.hit,
      misses: counts.miss,
      evictions: counts.eviction,
      expirations: counts.expiration,
      invalidations: counts.invalidation,
    };
  }

  /**
   * The live entry for `key` read by `kind` in the same decoding, promoted; counts a hit or a
   * miss. An expired entry, or one whose scope lost its invalidations, is dropped.
   */
  lookup(key: string, kind: string, asBuffers: boolean): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#count("miss");
      return undefined;
    }
    if (entry.expiresAt !== 0 && performance.now() >= entry.expiresAt) {
      this.#remove(entry);
      this.#count("expiration");
      this.#count("miss");
      return undefined;
    }
    if (entry.scope.epoch !== entry.epoch) {
      this.#remove(entry);
      this.#count("invalidation");
      this.#count("miss");
      return undefined;
    }
    if (entry.kind !== kind || entry.asBuffers !== asBuffers) {
      this.#count("miss");
      return undefined;
    }
    this.#counts.hit++;
    if (channels.cache.hasSubscribers) this.#publish("hit", 1);
    this.#promote(entry);
    return entry;
  }

  /**
   * The hot path of a hit, for a caller's string key: the live entry for `key` read by `kind` in
   * the same decoding, counted and promoted as `lookup` does. Anything else (a miss, an expired
   * or unguarded entry, a non-ASCII key) returns undefined with no effect, and the caller then
   * takes `lookup`'s path, which counts and cleans up. The clock is read only with a TTL.
   */
  hit(key: string, kind: string, asBuffers: boolean): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (
      entry === undefined ||
      !entry.plain ||
      entry.kind !== kind ||
      entry.asBuffers !== asBuffers ||
      entry.epoch !== entry.scope.epoch ||
      (entry.expiresAt !== 0 && performance.now() >= entry.expiresAt)
    )
      return undefined;
    this.#counts.hit++;
    if (channels.cache.hasSubscribers) this.#publish("hit", 1);
    this.#promote(entry);
    return entry;
  }

  /** Marks a read of `key` as on its way; pass the token to `settleRead`. */
  beginRead(key: string): number {
    const token = this.#nextToken++;
    this.#pending.set(key, token);
    return token;
  }

  /**
   * True when the read with `token` is the latest of `key` and no invalidation of `key` came
   * since it began: its reply may be stored.
   */
  settleRead(key: string, token: number): boolean {
    if (this.#pending.get(key) !== token) return false;
    this.#pending.delete(key);
    return true;
  }

  /**
   * Stores `value` unless it alone exceeds the budget, evicting by the policy to make room.
   */
  insert(
    key: string,
    kind: string,
    asBuffers: boolean,
    value: unknown,
    size: number,
    scope: TrackingScope,
  ): void {
    const { maxBytes, ttlMs } = this.settings;
    if (size > maxBytes) return;
    const existing = this.#entries.get(key);
    if (existing !== undefined) this.#remove(existing);
    while (this.#bytes + size > maxBytes) {
      const victim = this.#victim();
      if (victim === undefined) break;
      this.#remove(victim);
      if (victim.expiresAt !== 0 && performance.now() >= victim.expiresAt)
        this.#count("expiration");
      else this.#count("eviction");
    }
    const entry: CacheEntry = {
      key,
      plain: isAscii(key),
      kind,
      asBuffers,
      value,
      reply: undefined,
      size,
      expiresAt: ttlMs > 0 ? performance.now() + ttlMs : 0,
      scope,
      epoch: scope.epoch,
      frequency: 1,
      older: undefined,
      newer: undefined,
    };
    this.#entries.set(key, entry);
    this.#bytes += size;
    if (this.settings.lfu) {
      this.#bucket(1).append(entry);
      this.#minFrequency = 1;
    } else this.#recency.append(entry);
  }

  /** Drops `key` (an invalidation or a local write), and any read of it on its way. */
  invalidate(key: string): void {
    this.#pending.delete(key);
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#remove(entry);
    this.#count("invalidation");
  }

  /** Drops everything (FLUSHALL, a null invalidation). */
  clear(): void {
    this.#pending.clear();
    if (this.#entries.size > 0) this.#count("invalidation", this.#entries.size);
    this.#entries.clear();
    this.#buckets.clear();
    this.#recency = new EntryList();
    this.#bytes = 0;
    this.#minFrequency = 1;
  }

  #count(event: CacheMessage["event"], count = 1): void {
    this.#counts[event] += count;
    if (channels.cache.hasSubscribers) this.#publish(event, count);
  }

  /** Sends an event to the `cache` channel (hits count themselves, inline: they are the hot path). */
  #publish(event: CacheMessage["event"], count: number): void {
    const message: CacheMessage = { cacheId: this.settings.cacheId, event, count };
    channels.cache.publish(message);
  }

  #promote(entry: CacheEntry): void {
    if (!this.settings.lfu) {
      const recency = this.#recency;
      if (entry === recency.newest) return;
      recency.unlink(entry);
      recency.append(entry);
      return;
    }
    const from = this.#buckets.get(entry.frequency);
    if (from !== undefined) {
      from.unlink(entry);
      if (from.oldest === undefined) {
        this.#buckets.delete(entry.frequency);
        if (this.#minFrequency === entry.frequency) this.#minFrequency = entry.frequency + 1;
      }
    }
    entry.frequency++;
    this.#bucket(entry.frequency).append(entry);
  }

  #victim(): CacheEntry | undefined {
    if (!this.settings.lfu) return this.#recency.oldest;
    let bucket = this.#buckets.get(this.#minFrequency);
    if (bucket === undefined) {
      // Removals can empty the lowest bucket; find the next one (rare, over distinct counts).
      let lowest = Number.POSITIVE_INFINITY;
      for (const frequency of this.#buckets.keys()) lowest = Math.min(lowest, frequency);
      if (lowest === Number.POSITIVE_INFINITY) return undefined;
      this.#minFrequency = lowest;
      bucket = this.#buckets.get(lowest);
    }
    return bucket?.oldest;
  }

  #bucket(frequency: number): EntryList {
    let bucket = this.#buckets.get(frequency);
    if (bucket === undefined) {
      bucket = new EntryList();
      this.#buckets.set(frequency, bucket);
    }
    return bucket;
  }

  #remove(entry: CacheEntry): void {
    if (this.#entries.get(entry.key) !== entry) return;
    this.#entries.delete(entry.key);
    this.#bytes -= entry.size;
    if (!this.settings.lfu) {
      this.#recency.unlink(entry);
      return;
    }
    const bucket = this.#buckets.get(entry.frequency);
    if (bucket === undefined) return;
    bucket.unlink(entry);
    if (bucket.oldest === undefined) this.#buckets.delete(entry.frequency);
  }
}
