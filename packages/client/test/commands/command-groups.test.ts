// Issue 5's command groups against a real redis-server: each scenario runs on
// a RESP3 and a RESP2 client (on keys of their own) and must give identical
// results, besides the values asserted here. Time-dependent numbers (idle
// times) are zeroed before the comparison.
import {
  BitFieldGet,
  BitFieldIncrBy,
  BitFieldOverflow,
  BitFieldSet,
  BitmapIndexType,
  BitOffset,
  BitOffsetMultiplier,
  BitOverflowControl,
  BitwiseOperation,
  ConditionalChange,
  GeoUnit,
  InfBoundary,
  SignedEncoding,
  SortOrder,
  UnsignedEncoding,
} from "@petrel/commands";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GlideClient } from "../../src/index.js";
import { connect, PROTOCOLS, redisAtLeast, serverForFile, uniqueKey } from "./support/servers.js";

const server = serverForFile();
const clients = new Map<string, GlideClient>();

beforeAll(async () => {
  for (const [name, protocol] of PROTOCOLS) clients.set(name, await connect(server, { protocol }));
});

afterAll(async () => {
  for (const client of clients.values()) client.close();
});

const TIME_FIELDS = /idle|inactive|seen-time|active-time|time$/i;

/** Replaces the scenario's key prefix with "K" and zeroes time-dependent numbers. */
function normalise(value: unknown, prefix: string, field = ""): unknown {
  if (typeof value === "string") return value.split(prefix).join("K");
  if (Buffer.isBuffer(value)) return normalise(value.toString(), prefix);
  if (typeof value === "number" && TIME_FIELDS.test(field)) return 0;
  if (Array.isArray(value)) return value.map((item) => normalise(item, prefix, field));
  if (value instanceof Set) return new Set([...value].map((item) => normalise(item, prefix)));
  if (value instanceof Map) {
    return new Map(
      [...value].map(([key, item]) => [normalise(key, prefix), normalise(item, prefix)]),
    );
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        normalise(key, prefix),
        normalise(item, prefix, key),
      ]),
    );
  }
  return value;
}

type Scenario = (
  client: GlideClient,
  key: (name: string) => string,
) => Promise<Record<string, unknown>>;

/** Runs `scenario` on both protocols; returns the RESP3 results after checking RESP2 equals them. */
async function onBothProtocols(scenario: Scenario): Promise<Record<string, unknown>> {
  const results: Record<string, unknown>[] = [];
  for (const [name] of PROTOCOLS) {
    const prefix = uniqueKey(`{${name}}`);
    const client = clients.get(name) as GlideClient;
    const raw = await scenario(client, (suffix) => `${prefix}:${suffix}`);
    results.push(normalise(raw, prefix) as Record<string, unknown>);
  }
  expect(results[1]).toEqual(results[0]);
  return results[0] as Record<string, unknown>;
}

describe("streams", () => {
  it("add, read, trim, delete and range over entries", async () => {
    const r = await onBothProtocols(async (c, k) => {
      const s = k("s");
      return {
        add1: await c.xadd(s, [["a", "1"]], { id: "1-0" }),
        add2: await c.xadd(
          s,
          [
            ["b", "2"],
            ["c", "3"],
          ],
          { id: "2-0" },
        ),
        add3: await c.xadd(s, [["d", "4"]], {
          id: "3-0",
          trim: { method: "maxlen", threshold: 10, exact: true },
        }),
        noMkStream: await c.xadd(k("none"), [["x", "y"]], { makeStream: false }),
        len: await c.xlen(s),
        range: await c.xrange(s, InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
        rangeCount: await c.xrange(s, { value: "2-0" }, InfBoundary.PositiveInfinity, { count: 1 }),
        revrange: await c.xrevrange(s, InfBoundary.PositiveInfinity, {
          value: "1-0",
          isInclusive: false,
        }),
        read: await c.xread({ [s]: "1-0" }, { count: 1 }),
        del: await c.xdel(s, ["1-0", "9-9"]),
        trim: await c.xtrim(s, { method: "minid", threshold: "3-0", exact: true }),
        after: await c.xrange(s, InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
        info: await c.xinfoStream(s),
      };
    });
    expect(r.add1).toBe("1-0");
    expect(r.noMkStream).toBeNull();
    expect(r.len).toBe(3);
    expect(r.range).toEqual({
      "1-0": [["a", "1"]],
      "2-0": [
        ["b", "2"],
        ["c", "3"],
      ],
      "3-0": [["d", "4"]],
    });
    expect(r.rangeCount).toEqual({
      "2-0": [
        ["b", "2"],
        ["c", "3"],
      ],
    });
    expect(r.read).toEqual([
      {
        key: "K:s",
        value: {
          "2-0": [
            ["b", "2"],
            ["c", "3"],
          ],
        },
      },
    ]);
    expect(r.del).toBe(1);
    expect(r.trim).toBe(1);
    expect(r.after).toEqual({ "3-0": [["d", "4"]] });
    expect((r.info as Record<string, unknown>).length).toBe(1);
  });

  it("consumer groups: create, read, pending, claim, autoclaim, ack and info", async () => {
    const r = await onBothProtocols(async (c, k) => {
      const s = k("g");
      const create = await c.xgroupCreate(s, "grp", "0", { mkStream: true });
      for (const id of ["1-0", "2-0", "3-0"]) await c.xadd(s, [["f", id]], { id });
      return {
        create,
        consumer: await c.xgroupCreateConsumer(s, "grp", "bob"),
        readgroup: await c.xreadgroup("grp", "alice", { [s]: ">" }, { count: 2 }),
        pending: await c.xpending(s, "grp"),
        pendingEntries: (
          await c.xpendingWithOptions(s, "grp", {
            start: InfBoundary.NegativeInfinity,
            end: InfBoundary.PositiveInfinity,
            count: 10,
          })
        ).map(([id, consumer, , deliveries]) => [id, consumer, deliveries]),
        claim: await c.xclaim(s, "grp", "bob", 0, ["1-0"]),
        claimJustId: await c.xclaimJustId(s, "grp", "bob", 0, ["2-0"], { isForce: true }),
        autoclaim: await c.xautoclaim(s, "grp", "carol", 0, "0-0", { count: 1 }),
        autoclaimJustId: await c.xautoclaimJustId(s, "grp", "carol", 0, "0-0"),
        ack: await c.xack(s, "grp", ["1-0", "2-0"]),
        groups: await c.xinfoGroups(s),
        consumers: (await c.xinfoConsumers(s, "grp")).map((info) => info.name),
        full: await c.xinfoStream(s, { fullOptions: true }),
        fullCount: await c.xinfoStream(s, { fullOptions: 1 }),
        setId: await c.xgroupSetId(s, "grp", "0"),
        delConsumer: await c.xgroupDelConsumer(s, "grp", "bob"),
        destroy: await c.xgroupDestroy(s, "grp"),
        destroyAgain: await c.xgroupDestroy(s, "grp"),
      };
    });
    expect(r.create).toBe("OK");
    expect(r.consumer).toBe(true);
    expect(r.readgroup).toEqual([
      { key: "K:g", value: { "1-0": [["f", "1-0"]], "2-0": [["f", "2-0"]] } },
    ]);
    expect(r.pending).toEqual([2, "1-0", "2-0", [["alice", "2"]]]);
    expect(r.pendingEntries).toEqual([
      ["1-0", "alice", 1],
      ["2-0", "alice", 1],
    ]);
    expect(r.claim).toEqual({ "1-0": [["f", "1-0"]] });
    expect(r.claimJustId).toEqual(["2-0"]);
    expect(r.ack).toBe(2);
    expect(r.consumers).toEqual(["alice", "bob", "carol"]);
    expect(r.destroy).toBe(true);
    expect(r.destroyAgain).toBe(false);
  });
});

describe("geo, bitmaps, HyperLogLog", () => {
  it("geo commands", async () => {
    const r = await onBothProtocols(async (c, k) => {
      const g = k("geo");
      const places = new Map([
        ["Palermo", { longitude: 13.361389, latitude: 38.115556 }],
        ["Catania", { longitude: 15.087269, latitude: 37.502669 }],
      ]);
      return {
        add: await c.geoadd(g, places),
        addNx: await c
          .geoadd(g, places, {
            updateMode: ConditionalChange.ONLY_IF_DOES_NOT_EXIST,
            changed: true,
          })
          .catch(() => "refused"),
        pos: await c.geopos(g, ["Palermo", "Nowhere"]),
        dist: await c.geodist(g, "Palermo", "Catania", { unit: GeoUnit.KILOMETERS }),
        hash: await c.geohash(g, ["Palermo", "Nowhere"]),
        search: await c.geosearch(
          g,
          { position: { longitude: 15, latitude: 37 } },
          { radius: 200, unit: GeoUnit.KILOMETERS },
          { withCoord: true, withDist: true, withHash: true, sortOrder: SortOrder.ASC },
        ),
        searchBox: await c.geosearch(
          g,
          { member: "Palermo" },
          { width: 400, height: 400, unit: GeoUnit.KILOMETERS },
        ),
        store: await c.geosearchstore(
          k("geo2"),
          g,
          { member: "Palermo" },
          { radius: 300, unit: GeoUnit.KILOMETERS },
        ),
      };
    });
    expect(r.add).toBe(2);
    expect((r.pos as unknown[])[1]).toBeNull();
    expect(r.dist as number).toBeCloseTo(166.2742, 3);
    expect(r.hash).toEqual(["sqc8b49rny0", null]);
    expect((r.search as unknown[][])[0]?.[0]).toBe("Catania");
    expect(new Set(r.searchBox as string[])).toEqual(new Set(["Palermo", "Catania"]));
    expect(r.store).toBe(2);
  });

  it("bitmap commands and bitfield subcommands", async () => {
    const r = await onBothProtocols(async (c, k) => {
      const b = k("bits");
      return {
        set: await c.setbit(b, 7, 1),
        get: await c.getbit(b, 7),
        count: await c.bitcount(b),
        countRange: await c.bitcount(b, { start: 0, end: 7, indexType: BitmapIndexType.BIT }),
        pos: await c.bitpos(b, 1),
        posRange: await c.bitpos(b, 0, { start: 0, end: -1, indexType: BitmapIndexType.BYTE }),
        op: await (async () => {
          await c.set(k("b1"), "foof");
          await c.set(k("b2"), "abcd");
          return [
            await c.bitop(BitwiseOperation.AND, k("b3"), [k("b1"), k("b2")]),
            await c.get(k("b3")),
          ];
        })(),
        field: await c.bitfield(k("bf"), [
          new BitFieldSet(new UnsignedEncoding(8), new BitOffset(0), 200),
          new BitFieldGet(new SignedEncoding(8), new BitOffset(0)),
          new BitFieldOverflow(BitOverflowControl.SAT),
          new BitFieldIncrBy(new UnsignedEncoding(8), new BitOffsetMultiplier(0), 100),
          new BitFieldOverflow(BitOverflowControl.FAIL),
          new BitFieldIncrBy(new UnsignedEncoding(8), new BitOffset(0), 1),
        ]),
        readOnly: await c.bitfieldReadOnly(k("bf"), [
          new BitFieldGet(new UnsignedEncoding(8), new BitOffset(0)),
        ]),
      };
    });
    expect(r.set).toBe(0);
    expect(r.get).toBe(1);
    expect(r.count).toBe(1);
    expect(r.countRange).toBe(1);
    expect(r.pos).toBe(7);
    expect(r.posRange).toBe(0);
    expect(r.op).toEqual([
      4,
      "abcd"
        .split("")
        .map((ch, i) => String.fromCharCode(ch.charCodeAt(0) & "foof".charCodeAt(i)))
        .join(""),
    ]);
    expect(r.field).toEqual([0, -56, 255, null]);
    expect(r.readOnly).toEqual([255]);
  });

  it("HyperLogLog commands", async () => {
    const r = await onBothProtocols(async (c, k) => ({
      add: await c.pfadd(k("h1"), ["a", "b", "c"]),
      addSame: await c.pfadd(k("h1"), ["a"]),
      add2: await c.pfadd(k("h2"), ["c", "d"]),
      count: await c.pfcount([k("h1")]),
      countUnion: await c.pfcount([k("h1"), k("h2")]),
      merge: await c.pfmerge(k("h3"), [k("h1"), k("h2")]),
      merged: await c.pfcount([k("h3")]),
    }));
    expect(r).toEqual({
      add: true,
      addSame: false,
      add2: true,
      count: 3,
      countUnion: 4,
      merge: "OK",
      merged: 4,
    });
  });
});

describe("strings, keys and server extras", () => {
  it("lcs, incrByFloat, msetnx, copy, dump/restore, sort, object", async () => {
    const r = await onBothProtocols(async (c, k) => {
      await c.mset({ [k("s1")]: "ohmytext", [k("s2")]: "mynewtext" });
      await c.rpush(k("list"), ["3", "1", "2"]);
      const dumped = await c.dump(k("s1"));
      return {
        lcs: await c.lcs(k("s1"), k("s2")),
        lcsLen: await c.lcsLen(k("s1"), k("s2")),
        lcsIdx: await c.lcsIdx(k("s1"), k("s2"), { minMatchLen: 4, withMatchLen: true }),
        float: await c.incrByFloat(k("f"), 1.5),
        msetnx: await c.msetnx({ [k("n1")]: "a", [k("n2")]: "b" }),
        msetnxAgain: await c.msetnx({ [k("n1")]: "c", [k("n3")]: "d" }),
        copy: await c.copy(k("s1"), k("s3")),
        restore: await c.restore(k("restored"), 0, dumped as Buffer),
        restoredValue: await c.get(k("restored")),
        restoreReplace: await c.restore(k("restored"), 0, dumped as Buffer, { replace: true }),
        sort: await c.sort(k("list")),
        sortDesc: await c.sortReadOnly(k("list"), {
          orderBy: SortOrder.DESC,
          limit: { offset: 0, count: 2 },
        }),
        sortStore: await c.sortStore(k("list"), k("sorted")),
        encoding: await c.objectEncoding(k("list")),
        refcount: await c.objectRefcount(k("list")),
        idle: await c.objectIdletime(k("missing")),
        touch: await c.touch([k("s1"), k("missing")]),
      };
    });
    expect(r.lcs).toBe("mytext");
    expect(r.lcsLen).toBe(6);
    expect(r.lcsIdx).toEqual({ matches: [[[4, 7], [5, 8], 4]], len: 6 });
    expect(r.float).toBe(1.5);
    expect([r.msetnx, r.msetnxAgain]).toEqual([true, false]);
    expect(r.copy).toBe(true);
    expect(r.restoredValue).toBe("ohmytext");
    expect(r.sort).toEqual(["1", "2", "3"]);
    expect(r.sortDesc).toEqual(["3", "2"]);
    expect(r.sortStore).toBe(3);
    expect(r.idle).toBeNull();
    expect(r.touch).toBe(1);
  });

  it("server, memory, latency and client extras", async () => {
    const r = await onBothProtocols(async (c, k) => {
      await c.set(k("m"), "value");
      return {
        lolwut: (await c.lolwut({ version: 5 })).length > 0,
        save: await c.save(),
        lastsave: (await c.lastsave()) > 0,
        memoryUsage: (await c.customCommand(["MEMORY", "USAGE", k("m")])) !== null,
        memoryStats: typeof (await c.memoryStats()).peakAllocated,
        memoryDoctor: typeof (await c.memoryDoctor()),
        memoryMalloc: typeof (await c.memoryMallocStats()),
        memoryPurge: await c.memoryPurge(),
        latencyLatest: await c.latencyLatest(),
        latencyHistory: await c.latencyHistory("command"),
        latencyReset: await c.latencyReset(),
        tracking: (await c.clientTrackingInfo()).flags,
        pause: await c.clientPause(10),
        unpause: await c.clientUnpause(),
        wait: await c.wait(0, 10),
        dbsize: (await c.dbsize()) > 0,
      };
    });
    expect(r.save).toBe("OK");
    expect(r.memoryStats).toBe("number");
    expect(r.latencyReset).toBe(0);
    expect(r.pause).toBe("OK");
    expect(r.wait).toBe(0);
  });

  it.skipIf(!redisAtLeast(7, 2))("WAITAOF answers (Redis 7.2+ / Valkey)", async () => {
    const client = clients.get("RESP3") as GlideClient;
    expect(await client.customCommand(["WAITAOF", "0", "0", "10"])).toEqual([0, 0]);
  });
});
