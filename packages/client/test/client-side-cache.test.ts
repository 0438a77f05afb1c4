// The client-side cache against a real redis-server and against @petrel/fake-valkey, the
// same cases on both (RESP3): hits, read-your-writes, invalidation pushes, FLUSHALL, a
// dropped connection, expiry, shared instances, metrics errors, and the freshness guarantee
// under concurrent writers.
import { standaloneCommands as build, TimeUnit } from "@petrel/commands";
import { withClosing } from "@petrel/test-servers/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ClientSideCache,
  ClosingError,
  ConfigurationError,
  Decoder,
  GlideClient,
  type GlideClientConfiguration,
  ProtocolVersion,
  RequestError,
} from "../src/index.js";
import { expectFreshUnderFourWriters, pollUntil } from "./helpers/cache-freshness.js";
import { standaloneTargetsForSuite } from "./helpers/standalone-targets.js";

const targets = standaloneTargetsForSuite();
let target: keyof typeof targets = "redis-server";

function connect(config: Partial<GlideClientConfiguration> = {}): Promise<GlideClient> {
  return GlideClient.createClient({ addresses: targets[target](), ...config });
}

function withClients<T>(
  cache: ClientSideCache,
  body: (reader: GlideClient, writer: GlideClient) => Promise<T>,
): Promise<T> {
  return withClosing(connect({ clientSideCache: cache }), (reader) =>
    withClosing(connect(), (writer) => body(reader, writer)),
  );
}

const assisted = () =>
  ClientSideCache.create(1024, 0, { serverAssisted: true, enableMetrics: true });

describe.each(Object.keys(targets) as (keyof typeof targets)[])(
  "client-side cache on %s",
  (name) => {
    beforeAll(() => {
      target = name;
    });

    it("serves repeated GET, HGETALL and SMEMBERS from the cache, copies included", async () => {
      await withClients(
        ClientSideCache.create(1024, 0, { enableMetrics: true }),
        async (reader, writer) => {
          await writer.set("csc:hit", "v1");
          await writer.hset("csc:hash", { f: "1", g: "2" });
          await writer.sadd("csc:set", ["a", "b"]);
          for (let i = 0; i < 3; i++) {
            expect(await reader.get("csc:hit")).toBe("v1");
            const hash = await reader.hgetall("csc:hash");
            expect(hash).toEqual(expect.arrayContaining([{ field: "f", value: "1" }]));
            hash.length = 0; // a caller's change must not reach the next reader
            const set = await reader.smembers("csc:set");
            expect(set).toEqual(new Set(["a", "b"]));
            set.clear();
          }
          expect(await reader.get("csc:missing")).toBeNull();
          expect(await reader.get("csc:missing")).toBeNull(); // nil is not cached: two misses
          expect(await reader.getCacheTotalLookups()).toBe(11);
          expect(await reader.getCacheHitRate()).toBeCloseTo(6 / 11);
          expect(await reader.getCacheMissRate()).toBeCloseTo(5 / 11);
          expect(await reader.getCacheEntryCount()).toBe(3);
          expect(reader.getStatistics()).toMatchObject({ cache_hits: "6", cache_entry_count: "3" });
          const bytes = await reader.get("csc:hit", { decoder: Decoder.Bytes });
          expect(Buffer.isBuffer(bytes) && bytes.toString()).toBe("v1");
        },
      );
    });

    it("refuses a cached read as any command when closed or at the in-flight limit", async () => {
      const cache = ClientSideCache.create(1024, 0);
      await withClosing(
        connect({ clientSideCache: cache, inflightRequestsLimit: 1 }),
        async (reader) => {
          await reader.set("csc:admission", "v");
          expect(await reader.get("csc:admission")).toBe("v");
          // One read on the wire fills the limit; the hit after it is refused like a send.
          const onTheWire = reader.get("csc:admission:other");
          await expect(reader.get("csc:admission")).rejects.toThrow(
            "Reached the maximum number of concurrent requests",
          );
          expect(await onTheWire).toBeNull();
          expect(await reader.get("csc:admission", { decoder: Decoder.Bytes })).toEqual(
            Buffer.from("v"),
          );
          reader.close();
          await expect(reader.get("csc:admission")).rejects.toThrow(ClosingError);
        },
      );
    });

    it("evicts the client's own writes without server assistance (read-your-writes)", async () => {
      await withClients(ClientSideCache.create(1024, 0), async (reader) => {
        await reader.set("csc:ryw", "old");
        expect(await reader.get("csc:ryw")).toBe("old");
        await reader.set("csc:ryw", "new");
        expect(await reader.get("csc:ryw")).toBe("new");
        await reader.exec({ isAtomic: true, commands: [build.set("csc:ryw", "batched")] }, true);
        expect(await reader.get("csc:ryw")).toBe("batched");
        await reader.del(["csc:ryw"]);
        expect(await reader.get("csc:ryw")).toBeNull();
      });
    });

    it("forgets every entry when the client SELECTs another database", async () => {
      await withClients(ClientSideCache.create(1024, 0), async (reader, writer) => {
        await writer.set("csc:db", "zero");
        await withClosing(connect({ databaseId: 1 }), (other) => other.set("csc:db", "one"));
        expect(await reader.get("csc:db")).toBe("zero");
        await reader.select(1);
        expect(await reader.get("csc:db")).toBe("one");
        await reader.select(0);
        expect(await reader.get("csc:db")).toBe("zero");
      });
    });

    it("keeps GLIDE's stale-until-TTL behaviour for other clients' writes without server assistance", async () => {
      await withClients(ClientSideCache.create(1024, 0), async (reader, writer) => {
        await writer.set("csc:glide", "old");
        expect(await reader.get("csc:glide")).toBe("old");
        await writer.set("csc:glide", "new");
        await reader.ping();
        expect(await reader.get("csc:glide")).toBe("old");
      });
    });

    it("with serverAssisted, another client's write is seen after one round trip", async () => {
      await withClients(assisted(), async (reader, writer) => {
        await writer.set("csc:inv", "old");
        expect(await reader.get("csc:inv")).toBe("old");
        expect(await reader.get("csc:inv")).toBe("old");
        await writer.set("csc:inv", "new");
        await reader.ping();
        expect(await reader.get("csc:inv")).toBe("new");
        expect(await reader.getCacheHitRate()).toBeCloseTo(1 / 3);
      });
    });

    it("with serverAssisted, FLUSHALL empties the cache", async () => {
      await withClients(assisted(), async (reader, writer) => {
        await writer.set("csc:flush", "v");
        await reader.get("csc:flush");
        expect(await reader.getCacheEntryCount()).toBe(1);
        await writer.flushall();
        await reader.ping();
        expect(await reader.getCacheEntryCount()).toBe(0);
        expect(await reader.get("csc:flush")).toBeNull();
      });
    });

    it("drops the entries of a lost tracking connection: no stale value after a reconnect", async () => {
      await withClients(assisted(), async (reader, writer) => {
        await writer.set("csc:drop", "old");
        expect(await reader.get("csc:drop")).toBe("old");
        const id = await reader.customCommand(["CLIENT", "ID"]);
        await writer.customCommand(["CLIENT", "KILL", "ID", String(id)]);
        // Written while the reader's tracking connection is gone: its invalidation is lost.
        await writer.set("csc:drop", "new");
        expect(await reader.get("csc:drop")).toBe("new");
        // The new connection tracks again.
        expect(await reader.get("csc:drop")).toBe("new");
        await writer.set("csc:drop", "newer");
        await reader.ping();
        expect(await reader.get("csc:drop")).toBe("newer");
      });
    });

    it("with serverAssisted, a key that expires on the server is invalidated", async () => {
      await withClients(assisted(), async (reader, writer) => {
        await writer.set("csc:expiring", "v", {
          expiry: { type: TimeUnit.Milliseconds, count: 60 },
        });
        expect(await reader.get("csc:expiring")).toBe("v");
        // The writer's read expires the key on the server, which sends the invalidation.
        await pollUntil("the key expires", async () => (await writer.get("csc:expiring")) === null);
        await reader.ping();
        expect(await reader.get("csc:expiring")).toBeNull();
      });
    });

    it("expires entries after entryTtlMs", async () => {
      const cache = ClientSideCache.create(1024, 30, { enableMetrics: true });
      await withClients(cache, async (reader, writer) => {
        await writer.set("csc:ttl", "old");
        expect(await reader.get("csc:ttl")).toBe("old");
        await writer.set("csc:ttl", "new");
        await pollUntil("the entry expires", async () => (await reader.get("csc:ttl")) === "new");
        expect(await reader.getCacheExpirations()).toBe(1);
      });
    });

    it("shares one instance between clients; batches bypass it", async () => {
      const cache = ClientSideCache.create(1024, 0, { enableMetrics: true });
      await withClients(cache, async (reader, writer) => {
        await writer.set("csc:shared", "v");
        await reader.get("csc:shared");
        await withClosing(connect({ clientSideCache: cache }), async (second) => {
          expect(await second.get("csc:shared")).toBe("v");
          expect(await second.getCacheHitRate()).toBe(0.5);
          expect(
            await second.exec({ isAtomic: false, commands: [build.get("csc:shared")] }, true),
          ).toEqual(["v"]);
          expect(await second.getCacheTotalLookups()).toBe(2);
        });
      });
    });

    it("rejects the metrics calls with GLIDE's errors when caching or metrics are off", async () => {
      await withClosing(connect(), async (plain) => {
        await expect(plain.getCacheHitRate()).rejects.toThrow(RequestError);
        await expect(plain.getCacheEntryCount()).rejects.toThrow(
          "Client-side caching is not enabled",
        );
      });
      await withClosing(
        connect({ clientSideCache: ClientSideCache.create(1, 0) }),
        async (client) => {
          expect(await client.getCacheEntryCount()).toBe(0);
          await expect(client.getCacheEvictions()).rejects.toThrow(
            "Cache metrics tracking is not enabled",
          );
        },
      );
    });

    it("refuses serverAssisted on RESP2 with a ConfigurationError", async () => {
      await expect(
        connect({ clientSideCache: assisted(), protocol: ProtocolVersion.RESP2 }),
      ).rejects.toThrow(ConfigurationError);
    });

    it(
      "never returns a stale value under 4 writers on 1,000 keys (the freshness guarantee)",
      () => expectFreshUnderFourWriters(connect, { clientSideCache: assisted() }, {}),
      60_000,
    );
  },
);
