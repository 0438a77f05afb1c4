import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CacheStore, type TrackingScope } from "./cache-store.js";

function store(settings: Partial<ConstructorParameters<typeof CacheStore>[0]> = {}): CacheStore {
  return new CacheStore({
    cacheId: "test",
    maxBytes: 100,
    ttlMs: 0,
    lfu: false,
    metrics: true,
    ...settings,
  });
}

const scope: TrackingScope = { epoch: 0 };

function put(target: CacheStore, key: string, size = 10, on: TrackingScope = scope): void {
  target.insert(key, "Get", false, `v:${key}`, size, on);
}

function has(target: CacheStore, key: string): boolean {
  return target.lookup(key, "Get", false) !== undefined;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("CacheStore", () => {
  it("evicts the least recently read entry under LRU", () => {
    const cache = store({ maxBytes: 30 });
    put(cache, "a");
    put(cache, "b");
    put(cache, "c");
    expect(has(cache, "a")).toBe(true); // a is now the most recent; b the least
    put(cache, "d");
    expect(has(cache, "b")).toBe(false);
    expect(["a", "c", "d"].every((key) => has(cache, key))).toBe(true);
    expect(cache.metrics?.evictions).toBe(1);
  });

  it("evicts the least frequently read entry under LFU, the oldest among equals", () => {
    const cache = store({ maxBytes: 30, lfu: true });
    put(cache, "a");
    put(cache, "b");
    put(cache, "c");
    has(cache, "a");
    has(cache, "a");
    has(cache, "b");
    put(cache, "d"); // c was read least
    expect(has(cache, "c")).toBe(false);
    put(cache, "e"); // d (1 read) goes before b (2) and a (3)
    expect(has(cache, "d")).toBe(false);
    expect(["a", "b", "e"].every((key) => has(cache, key))).toBe(true);
  });

  it("keeps the byte budget and refuses an entry larger than the whole cache", () => {
    const cache = store({ maxBytes: 25 });
    put(cache, "a", 10);
    put(cache, "b", 10);
    put(cache, "huge", 26);
    expect(cache.entryCount).toBe(2);
    put(cache, "c", 20);
    expect(cache.bytes).toBeLessThanOrEqual(25);
    expect(has(cache, "c")).toBe(true);
  });

  it("expires entries after the TTL and counts the expiration and the miss", () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const cache = store({ ttlMs: 50 });
    put(cache, "a");
    vi.advanceTimersByTime(49);
    expect(has(cache, "a")).toBe(true);
    vi.advanceTimersByTime(1);
    expect(has(cache, "a")).toBe(false);
    expect(cache.metrics).toMatchObject({ hits: 1, misses: 1, expirations: 1 });
    expect(cache.entryCount).toBe(0);
  });

  it("drops entries of a scope whose epoch moved (lost invalidations)", () => {
    const cache = store();
    const lost: TrackingScope = { epoch: 0 };
    put(cache, "a", 10, lost);
    put(cache, "b", 10, scope);
    lost.epoch++;
    expect(has(cache, "a")).toBe(false);
    expect(has(cache, "b")).toBe(true);
  });

  it("misses when the entry was read by another command or decoder", () => {
    const cache = store();
    put(cache, "a");
    expect(cache.lookup("a", "HGetAll", false)).toBeUndefined();
    expect(cache.lookup("a", "Get", true)).toBeUndefined();
    expect(cache.lookup("a", "Get", false)?.value).toBe("v:a");
  });

  it("lets a read store its reply only if nothing invalidated its key meanwhile", () => {
    const cache = store();
    const first = cache.beginRead("a");
    cache.invalidate("a");
    expect(cache.settleRead("a", first)).toBe(false);
    const second = cache.beginRead("a");
    const third = cache.beginRead("a");
    expect(cache.settleRead("a", second)).toBe(false);
    expect(cache.settleRead("a", third)).toBe(true);
    const fourth = cache.beginRead("a");
    cache.clear();
    expect(cache.settleRead("a", fourth)).toBe(false);
  });

  it("has no metrics when they are off", () => {
    expect(store({ metrics: false }).metrics).toBeUndefined();
  });

  it("never exceeds its budget and always holds the latest value of a key it holds (property)", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(
          fc.record({
            op: fc.constantFrom("put", "get", "invalidate"),
            key: fc.constantFrom("a", "b", "c", "d", "e"),
            size: fc.integer({ min: 1, max: 40 }),
          }),
          { maxLength: 200 },
        ),
        (lfu, ops) => {
          const cache = store({ maxBytes: 60, lfu });
          const latest = new Map<string, string>();
          ops.forEach(({ op, key, size }, index) => {
            if (op === "put") {
              cache.insert(key, "Get", false, `${key}:${index}`, size, scope);
              latest.set(key, `${key}:${index}`);
            } else if (op === "invalidate") cache.invalidate(key);
            else {
              const entry = cache.lookup(key, "Get", false);
              if (entry !== undefined) expect(entry.value).toBe(latest.get(key));
            }
            expect(cache.bytes).toBeLessThanOrEqual(60);
          });
        },
      ),
    );
  });
});
