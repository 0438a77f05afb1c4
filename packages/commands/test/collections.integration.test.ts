// The hash, list, set and sorted-set definitions against a real server, once
// over RESP2 and once over RESP3: every result must be GLIDE's shape, and the
// same for both protocols.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Command, Decoder } from "../src/command.js";
import { geoCommands as geo } from "../src/definitions/geo.js";
import { hashCommands as hashes } from "../src/definitions/hashes.js";
import { listCommands as lists } from "../src/definitions/lists.js";
import { setCommands as sets } from "../src/definitions/sets.js";
import { sortedSetCommands as zsets } from "../src/definitions/sorted-sets.js";
import { SortOrder } from "../src/options/generic.js";
import { GeoUnit } from "../src/options/geo.js";
import { InsertPosition, ListDirection } from "../src/options/lists.js";
import { InfBoundary, ScoreFilter } from "../src/options/sorted-sets.js";
import { RawConnection, type RawServer, startRawServer } from "./support/raw-server.js";

type Results = Record<string, unknown>;

/** Runs one fixed script of commands; the keys are fresh (FLUSHALL first). */
async function runScript(connection: RawConnection, resp: 2 | 3): Promise<Results> {
  await connection.raw(["FLUSHALL"]);
  const results: Results = {};
  const run = async <T>(name: string, cmd: Command<T>): Promise<void> => {
    results[name] = await connection.send(cmd, resp);
  };

  await run("hset", hashes.hset("h", { a: "1", b: "2" }));
  await run("hgetall", hashes.hgetall("h"));
  await run("hgetallBytes", hashes.hgetall("h", { decoder: Decoder.Bytes }));
  await run("hmget", hashes.hmget("h", ["a", "missing"]));
  await run("hincrByFloat", hashes.hincrByFloat("h", "f", 1.5));
  await run("hsetnx", hashes.hsetnx("h", "a", "x"));
  await run("hexists", hashes.hexists("h", "a"));
  await run("hscan", hashes.hscan("h", "0"));
  await run("hset1", hashes.hset("h1", [{ field: "only", value: "v" }]));
  await run("hrandfieldWithValues", hashes.hrandfieldWithValues("h1", -2));

  await run("rpush", lists.rpush("l", ["a", "b", "a", "c"]));
  await run("lpos", lists.lpos("l", "a"));
  await run("lposCount", lists.lpos("l", "a", { count: 0 }));
  await run("linsert", lists.linsert("l", InsertPosition.Before, "c", "x"));
  await run("lrange", lists.lrange("l", 0, -1));
  await run("lpopCount", lists.lpopCount("l", 2));
  await run("lpopMissing", lists.lpopCount("nolist", 2));
  await run("lmpop", lists.lmpop(["nolist", "l"], ListDirection.RIGHT, { count: 2 }));
  await run("lmpopNone", lists.lmpop(["nolist"], ListDirection.LEFT));
  await run("blpop", lists.blpop(["nolist", "l"], 1));
  await run("brpopTimeout", lists.brpop(["nolist"], 0.05));
  await run("rpush2", lists.rpush("l2", ["v", "w"]));
  await run("lset", lists.lset("l2", 0, "x"));
  await run("ltrim", lists.ltrim("l2", 0, 0));

  await run("sadd", sets.sadd("s", ["a", "b", "c"]));
  await run("sadd2", sets.sadd("s2", ["b", "c", "d"]));
  await run("smembers", sets.smembers("s"));
  await run("sinter", sets.sinter(["s", "s2"]));
  await run("sunion", sets.sunion(["s", "s2"]));
  await run("sdiff", sets.sdiff(["s", "s2"]));
  await run("smismember", sets.smismember("s", ["a", "z"]));
  await run("sintercard", sets.sintercard(["s", "s2"], { limit: 1 }));
  await run("sscan", sets.sscan("s2", "0", { match: "d" }));
  await run("spopCount", sets.spopCount("s2", 5));
  await run("spopCountMissing", sets.spopCount("noset", 2));
  await run("smove", sets.smove("s", "s3", "a"));

  await run("zadd", zsets.zadd("z", { a: 1, b: 2.5, c: "+inf" }));
  await run("zaddIncr", zsets.zaddIncr("z", "a", 1));
  await run("zscore", zsets.zscore("z", "c"));
  await run("zmscore", zsets.zmscore("z", ["b", "missing"]));
  await run("zincrby", zsets.zincrby("z", 0.5, "b"));
  await run("zrangeWithScores", zsets.zrangeWithScores("z", { start: 0, end: -1 }));
  await run(
    "zrangeWithScoresRev",
    zsets.zrangeWithScores("z", { start: 0, end: -1 }, { reverse: true }),
  );
  await run(
    "zrangeByScore",
    zsets.zrange("z", {
      type: "byScore",
      start: { value: 2, isInclusive: false },
      end: InfBoundary.PositiveInfinity,
    }),
  );
  await run(
    "zcount",
    zsets.zcount("z", InfBoundary.NegativeInfinity, { value: 3, isInclusive: false }),
  );
  await run("zrank", zsets.zrank("z", "c"));
  await run("zscan", zsets.zscan("z", "0"));
  await run("zadd1", zsets.zadd("z1", [{ element: "m", score: -1 }]));
  await run("zrandWithScores", zsets.zrandmemberWithCountWithScores("z1", -2));
  await run(
    "zinterWithScores",
    zsets.zinterWithScores([
      ["z", 2],
      ["z1", 1],
    ]),
  );
  await run("zunionWithScores", zsets.zunionWithScores(["z", "z1"], { aggregationType: "MIN" }));
  await run("zdiffWithScores", zsets.zdiffWithScores(["z", "z1"]));
  await run("zpopminOne", zsets.zpopmin("z"));
  await run("zpopmaxTwo", zsets.zpopmax("z", { count: 2 }));
  await run("zmpop", zsets.zmpop(["nozset", "z1"], ScoreFilter.MIN, { count: 5 }));
  await run("zadd2", zsets.zadd("z2", { p: 4 }));
  await run("bzpopmin", zsets.bzpopmin(["nozset", "z2"], 1));
  await run("bzpopmaxTimeout", zsets.bzpopmax(["nozset"], 0.05));
  await run("bzmpopTimeout", zsets.bzmpop(["nozset"], ScoreFilter.MAX, 0.05));

  const places = new Map([
    ["Palermo", { longitude: 13.361389, latitude: 38.115556 }],
    ["Catania", { longitude: 15.087269, latitude: 37.502669 }],
  ]);
  await run("geoadd", geo.geoadd("g", places));
  await run("geodist", geo.geodist("g", "Palermo", "Catania", { unit: GeoUnit.KILOMETERS }));
  await run("geohash", geo.geohash("g", ["Palermo", "nowhere"]));
  await run("geopos", geo.geopos("g", ["Palermo", "nowhere"]));
  await run(
    "geosearch",
    geo.geosearch(
      "g",
      { member: "Palermo" },
      { radius: 200, unit: GeoUnit.KILOMETERS },
      {
        sortOrder: SortOrder.ASC,
      },
    ),
  );
  await run(
    "geosearchWith",
    geo.geosearch(
      "g",
      { position: { longitude: 15, latitude: 37 } },
      { width: 400, height: 400, unit: GeoUnit.KILOMETERS },
      { withDist: true, withHash: true, withCoord: true, sortOrder: SortOrder.ASC, count: 1 },
    ),
  );
  await run(
    "geosearchstore",
    geo.geosearchstore("g2", "g", { member: "Catania" }, { radius: 10, unit: GeoUnit.KILOMETERS }),
  );
  return results;
}

describe("collection commands against redis-server", () => {
  let server: RawServer;
  let resp2: Results;
  let resp3: Results;

  beforeAll(async () => {
    server = await startRawServer();
    const connection2 = await RawConnection.open(server.port, 2);
    const connection3 = await RawConnection.open(server.port, 3);
    try {
      resp2 = await runScript(connection2, 2);
      resp3 = await runScript(connection3, 3);
    } finally {
      connection2.close();
      connection3.close();
    }
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("gives identical results over RESP2 and RESP3", () => {
    expect(Object.keys(resp3)).toEqual(Object.keys(resp2));
    for (const name of Object.keys(resp2)) {
      expect({ name, value: resp3[name] }).toEqual({ name, value: resp2[name] });
    }
  });

  it("gives hashes GLIDE's shapes", () => {
    for (const results of [resp2, resp3]) {
      expect(results.hgetall).toEqual([
        { field: "a", value: "1" },
        { field: "b", value: "2" },
      ]);
      expect(results.hgetallBytes).toEqual([
        { field: Buffer.from("a"), value: Buffer.from("1") },
        { field: Buffer.from("b"), value: Buffer.from("2") },
      ]);
      expect(results.hmget).toEqual(["1", null]);
      expect(results.hincrByFloat).toBe(1.5);
      expect(results.hsetnx).toBe(false);
      expect(results.hexists).toBe(true);
      expect(results.hscan).toEqual(["0", ["a", "1", "b", "2", "f", "1.5"]]);
      expect(results.hrandfieldWithValues).toEqual([
        ["only", "v"],
        ["only", "v"],
      ]);
    }
  });

  it("gives lists GLIDE's shapes", () => {
    for (const results of [resp2, resp3]) {
      expect(results.lpos).toBe(0);
      expect(results.lposCount).toEqual([0, 2]);
      expect(results.lrange).toEqual(["a", "b", "a", "x", "c"]);
      expect(results.lpopCount).toEqual(["a", "b"]);
      expect(results.lpopMissing).toBeNull();
      expect(results.lmpop).toEqual({ key: "l", elements: ["c", "x"] });
      expect(results.lmpopNone).toBeNull();
      expect(results.blpop).toEqual(["l", "a"]);
      expect(results.brpopTimeout).toBeNull();
      expect(results.lset).toBe("OK");
      expect(results.ltrim).toBe("OK");
    }
  });

  it("gives sets GLIDE's shapes", () => {
    for (const results of [resp2, resp3]) {
      expect(results.smembers).toEqual(new Set(["a", "b", "c"]));
      expect(results.sinter).toEqual(new Set(["b", "c"]));
      expect(results.sunion).toEqual(new Set(["a", "b", "c", "d"]));
      expect(results.sdiff).toEqual(new Set(["a"]));
      expect(results.smismember).toEqual([true, false]);
      expect(results.sintercard).toBe(1);
      expect(results.sscan).toEqual(["0", ["d"]]);
      expect(results.spopCount).toEqual(new Set(["b", "c", "d"]));
      expect(results.spopCountMissing).toEqual(new Set());
      expect(results.smove).toBe(true);
    }
  });

  it("gives sorted sets GLIDE's shapes, scores as numbers", () => {
    const inf = Number.POSITIVE_INFINITY;
    for (const results of [resp2, resp3]) {
      expect(results.zaddIncr).toBe(2);
      expect(results.zscore).toBe(inf);
      expect(results.zmscore).toEqual([2.5, null]);
      expect(results.zincrby).toBe(3);
      expect(results.zrangeWithScores).toEqual([
        { element: "a", score: 2 },
        { element: "b", score: 3 },
        { element: "c", score: inf },
      ]);
      expect(results.zrangeWithScoresRev).toEqual([
        { element: "c", score: inf },
        { element: "b", score: 3 },
        { element: "a", score: 2 },
      ]);
      expect(results.zrangeByScore).toEqual(["b", "c"]);
      expect(results.zcount).toBe(1);
      expect(results.zrank).toBe(2);
      expect(results.zscan).toEqual(["0", ["a", "2", "b", "3", "c", "inf"]]);
      expect(results.zrandWithScores).toEqual([
        ["m", -1],
        ["m", -1],
      ]);
      expect(results.zinterWithScores).toEqual([]);
      expect(results.zunionWithScores).toEqual([
        { element: "m", score: -1 },
        { element: "a", score: 2 },
        { element: "b", score: 3 },
        { element: "c", score: inf },
      ]);
      expect(results.zdiffWithScores).toEqual([
        { element: "a", score: 2 },
        { element: "b", score: 3 },
        { element: "c", score: inf },
      ]);
      expect(results.zpopminOne).toEqual([{ element: "a", score: 2 }]);
      expect(results.zpopmaxTwo).toEqual([
        { element: "c", score: inf },
        { element: "b", score: 3 },
      ]);
      expect(results.zmpop).toEqual(["z1", [{ element: "m", score: -1 }]]);
      expect(results.bzpopmin).toEqual(["z2", "p", 4]);
      expect(results.bzpopmaxTimeout).toBeNull();
      expect(results.bzmpopTimeout).toBeNull();
    }
  });
  it("gives geo commands GLIDE's shapes, coordinates as numbers", () => {
    for (const results of [resp2, resp3]) {
      expect(results.geoadd).toBe(2);
      expect(results.geodist).toBeCloseTo(166.2742, 4);
      expect(results.geohash).toEqual(["sqc8b49rny0", null]);
      const [palermo, missing] = results.geopos as ([number, number] | null)[];
      expect(palermo?.[0]).toBeCloseTo(13.361389, 5);
      expect(palermo?.[1]).toBeCloseTo(38.115556, 5);
      expect(missing).toBeNull();
      expect(results.geosearch).toEqual(["Palermo", "Catania"]);
      const [first] = results.geosearchWith as [string, [number, number, [number, number]]][];
      const [member, [distance, hash, [longitude, latitude]]] = first!;
      expect(member).toBe("Catania");
      expect(distance).toBeCloseTo(56.4413, 3);
      expect(hash).toBe(3479447370796909);
      expect(longitude).toBeCloseTo(15.087269, 5);
      expect(latitude).toBeCloseTo(37.502669, 5);
      expect(results.geosearchstore).toBe(1);
    }
  });
});
