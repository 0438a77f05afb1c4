// The hit path that skips building a Command: it serves only what the full path would serve
// (same entry, same decoder, no entry a raced invalidation or a lost connection made
// unsafe), and counts a lookup exactly once whichever path answers it.
import { type Command, Decoder, type DecoderOption, standaloneCommands } from "@petrel/commands";
import { describe, expect, it } from "vitest";
import { ATTACH_CLIENT } from "./attach.js";
import { CACHED_REPLY, type CachedReader, installCachedReads } from "./cached-reads.js";
import type { ClientCache } from "./client-cache.js";
import { ClientSideCache } from "./client-side-cache.js";

/** A read sent to the "server": it settles when the test says. */
interface PendingRead {
  command: Command<unknown>;
  resolve: (value: unknown) => void;
}

function harness(options: { ttlMs?: number } = {}) {
  const cache: ClientCache = ClientSideCache.create(64, options.ttlMs ?? 0, {
    serverAssisted: true,
    enableMetrics: true,
  })[ATTACH_CLIENT]();
  const sent: PendingRead[] = [];
  const dispatch = (command: Command<unknown>): Promise<unknown> =>
    new Promise((resolve) => sent.push({ command, resolve }));
  /** A GET through the full path (the generated method's), as the client sends it. */
  const send = (key: string | Buffer, asBuffers = false) =>
    cache.send(
      standaloneCommands.get(key, asBuffers ? { decoder: Decoder.Bytes } : undefined),
      asBuffers,
      dispatch,
    );
  /** Reads `key` through the full path and answers it with `value`. */
  const fill = async (key: string, value: unknown, asBuffers = false) => {
    const reply = send(key, asBuffers);
    sent.shift()?.resolve(value);
    return reply;
  };
  return { cache, sent, send, fill };
}

describe("ClientCache.hit (the path that builds no Command)", () => {
  it("serves a stored string, counting one hit and leaving misses to the full path", async () => {
    const { cache, fill } = harness();
    expect(cache.hit("Get", "k", false)).toBeUndefined();
    // The fast path counted nothing for that miss: only the full path's lookup did.
    expect(cache.metric("totalLookups")).toBe(0);
    await fill("k", "v1");
    expect(cache.metric("totalLookups")).toBe(1);
    expect(await cache.hit("Get", "k", false)).toBe("v1");
    expect(await cache.hit("Get", "k", false)).toBe("v1");
    expect(cache.metric("totalLookups")).toBe(3);
    expect(cache.metric("hitRate")).toBeCloseTo(2 / 3);
  });

  it("never serves a reply whose read raced an invalidation of its key", async () => {
    const { cache, sent, send } = harness();
    const reply = send("k");
    // The key changes on the server while the read is on its way: its invalidation arrives first.
    cache.onPush(["invalidate", ["k"]]);
    sent.shift()?.resolve("old");
    expect(await reply).toBe("old");
    expect(cache.hit("Get", "k", false)).toBeUndefined();
    // The next read stores, and an invalidation afterwards withdraws it from the fast path too.
    const next = send("k");
    sent.shift()?.resolve("new");
    await next;
    expect(await cache.hit("Get", "k", false)).toBe("new");
    cache.onPush(["invalidate", [Buffer.from("k")]]);
    expect(cache.hit("Get", "k", false)).toBeUndefined();
  });

  it("does not serve entries of a lost connection, nor an expired one", async () => {
    const lost = harness();
    await lost.fill("k", "v");
    lost.cache.invalidationsMayBeLost();
    expect(lost.cache.hit("Get", "k", false)).toBeUndefined();
    // The full path then drops the entry and counts it.
    lost.send("k");
    expect(lost.sent).toHaveLength(1);
    expect(lost.cache.metric("entryCount")).toBe(0);

    const expiring = harness({ ttlMs: 1 });
    await expiring.fill("k", "v");
    const stored = performance.now();
    while (performance.now() - stored < 2) {
      // Bounded: waits out a 1 ms TTL on the monotonic clock the cache reads.
    }
    expect(expiring.cache.hit("Get", "k", false)).toBeUndefined();
    expiring.send("k");
    expect(expiring.cache.metric("expirations")).toBe(1);
  });

  it("answers in the caller's decoder only: a string entry never answers Bytes, nor a GET a hash", async () => {
    const { cache, fill } = harness();
    await fill("k", "text");
    expect(cache.hit("Get", "k", true)).toBeUndefined();
    expect(cache.hit("HGetAll", "k", false)).toBeUndefined();
    const bytes = Buffer.from("raw");
    await fill("b", bytes, true);
    expect(cache.hit("Get", "b", false)).toBeUndefined();
    const first = (await cache.hit("Get", "b", true)) as Buffer;
    expect(first).toEqual(Buffer.from("raw"));
    // A copy per hit: a caller changing its Buffer changes nobody else's.
    first.fill(0);
    expect(await cache.hit("Get", "b", true)).toEqual(Buffer.from("raw"));
  });

  it("leaves Buffer and non-ASCII keys to the full path, which stores them by their bytes", async () => {
    const { cache, fill } = harness();
    await fill("clé", "v");
    expect(cache.hit("Get", "clé", false)).toBeUndefined();
    // The same bytes spelled as Latin-1 characters are another key; it must not find "clé".
    const latin1 = Buffer.from("clé", "utf8").toString("latin1");
    expect(cache.hit("Get", latin1, false)).toBeUndefined();
    expect(cache.hit("Get", Buffer.from("clé"), false)).toBeUndefined();
    expect(cache.metric("totalLookups")).toBe(1);
  });
});

describe("installCachedReads", () => {
  class Reader implements CachedReader {
    readonly calls: [string, unknown, Decoder | undefined][] = [];
    readonly generated: unknown[][] = [];
    answer: Promise<unknown> | undefined;

    [CACHED_REPLY](kind: string, key: unknown, decoder: Decoder | undefined) {
      this.calls.push([kind, key, decoder]);
      return this.answer;
    }
  }
  /** The methods installed on its prototype below. */
  type Reads = Record<
    "get" | "hgetall" | "smembers",
    (key: unknown, options?: DecoderOption) => Promise<unknown>
  >;
  for (const name of ["get", "hgetall", "smembers"]) {
    Object.defineProperty(Reader.prototype, name, {
      configurable: true,
      writable: true,
      value(this: Reader, ...args: unknown[]) {
        this.generated.push([name, ...args]);
        return Promise.resolve("sent");
      },
    });
  }
  installCachedReads(Reader.prototype);

  it("asks the cache with GLIDE's command name and the call's decoder, then sends what it lacks", async () => {
    const reader = new Reader() as Reader & Reads;
    expect(await reader.get("k")).toBe("sent");
    expect(await reader.hgetall("h", { decoder: Decoder.Bytes })).toBe("sent");
    reader.answer = Promise.resolve("cached");
    expect(await reader.smembers("s")).toBe("cached");
    expect(reader.calls).toEqual([
      ["Get", "k", undefined],
      ["HGetAll", "h", Decoder.Bytes],
      ["SMembers", "s", undefined],
    ]);
    expect(reader.generated).toEqual([
      ["get", "k", undefined],
      ["hgetall", "h", { decoder: Decoder.Bytes }],
    ]);
    expect(reader.get.name).toBe("get");
  });
});
