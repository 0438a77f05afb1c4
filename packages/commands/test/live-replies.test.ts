// Real server replies, decoded for RESP2 and for RESP3, must parse to the same
// result. Starts a redis-server (or valkey-server) on a free loopback port and
// stops it by pid. Full client behaviour is tested in the client packages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Command, type CommandArg, Decoder } from "../src/command.js";
import { standaloneCommands as c, GeoUnit, InfBoundary } from "../src/index.js";
import { parseReply } from "../src/spec.js";
import {
  RawConnection,
  type RawServer,
  serverBinary,
  startRawServer,
} from "./support/raw-server.js";

let server: RawServer | undefined;
let resp2: RawConnection;
let resp3: RawConnection;

beforeAll(async () => {
  if (!serverBinary) return;
  server = await startRawServer();
  resp2 = await RawConnection.open(server.port, 2);
  resp3 = await RawConnection.open(server.port, 3);
});

afterAll(async () => {
  resp2?.close();
  resp3?.close();
  await server?.stop();
});

async function both<T>(cmd: Command<T>): Promise<{ resp2: T; resp3: T }> {
  const asBuffers = cmd.decoder === Decoder.Bytes;
  const raw2 = await resp2.raw(cmd.args, asBuffers);
  const raw3 = await resp3.raw(cmd.args, asBuffers);
  expect(raw2).not.toBeInstanceOf(Error);
  expect(raw3).not.toBeInstanceOf(Error);
  return { resp2: parseReply(cmd, raw2, 2), resp3: parseReply(cmd, raw3, 3) };
}

async function setup(...commands: CommandArg[][]): Promise<void> {
  for (const args of commands) expect(await resp2.raw(args)).not.toBeInstanceOf(Error);
}

describe.skipIf(!serverBinary)("live replies: RESP2 and RESP3 parse alike", () => {
  it("strings and keys", async () => {
    await setup(["MSET", "s1", "ohmytext", "s2", "mynewtext"], ["SET", "n", "1.5"]);
    const cases: Command<unknown>[] = [
      c.get("s1"),
      c.mget(["s1", "nope"]),
      c.mget(["s1", "s2"], { decoder: Decoder.Bytes }),
      c.configGet(["port"], { decoder: Decoder.Bytes }),
      c.lcsIdx("s1", "s2", { withMatchLen: true }),
      c.getrange("s1", 0, 3),
      c.incrByFloat("n", 0),
      c.exists(["s1", "s2"]),
      c.type("s1"),
      c.objectEncoding("s1"),
      c.configGet(["maxmemory*"]),
      c.sort("nolist"),
    ];
    for (const cmd of cases) {
      const result = await both(cmd);
      expect(result.resp3, cmd.spec.name).toEqual(result.resp2);
    }
  });

  it("hashes, sets, sorted sets, lists", async () => {
    await setup(
      ["HSET", "h", "a", "1", "b", "2"],
      ["SADD", "set", "x", "y"],
      ["ZADD", "z", "1.5", "m1", "2", "m2"],
      ["RPUSH", "l", "a", "b"],
    );
    const cases: Command<unknown>[] = [
      c.hgetall("h"),
      c.smembers("set"),
      c.zrangeWithScores("z", { start: 0, end: -1 }),
      c.zscore("z", "m1"),
      c.zrank("z", "m2"),
      c.lrange("l", 0, -1),
    ];
    for (const cmd of cases) {
      const result = await both(cmd);
      expect(result.resp3, cmd.spec.name).toEqual(result.resp2);
    }
  });

  it("streams", async () => {
    await setup(
      ["XADD", "st", "1-0", "f", "v"],
      ["XADD", "st", "2-0", "g", "w"],
      ["XGROUP", "CREATE", "st", "grp", "0"],
      ["XREADGROUP", "GROUP", "grp", "cons", "COUNT", "1", "STREAMS", "st", ">"],
    );
    const cases: Command<unknown>[] = [
      c.xrange("st", InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
      c.xread({ st: "0" }),
      c.xpending("st", "grp"),
      c.xinfoGroups("st"),
      c.xinfoStream("st"),
    ];
    for (const cmd of cases) {
      const result = await both(cmd);
      expect(result.resp3, cmd.spec.name).toEqual(result.resp2);
    }
    const full = await both(c.xinfoStream("st", { fullOptions: true }));
    expect(full.resp2).toMatchObject({ length: 2, groups: [{ name: "grp" }] });
  });

  it("geo, functions, diagnostics", async () => {
    await setup(
      ["GEOADD", "geo", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"],
      [
        "FUNCTION",
        "LOAD",
        "REPLACE",
        "#!lua name=petrel\nredis.register_function('one', function() return 1 end)",
      ],
    );
    const cases: Command<unknown>[] = [
      c.geopos("geo", ["Palermo", "nope"]),
      c.geodist("geo", "Palermo", "Catania"),
      c.geosearch(
        "geo",
        { member: "Palermo" },
        { radius: 200, unit: GeoUnit.KILOMETERS },
        {
          withCoord: true,
          withDist: true,
          withHash: true,
        },
      ),
      c.functionList({ withCode: true }),
      c.clientTrackingInfo(),
      c.latencyLatest(),
      c.scriptExists(["0000000000000000000000000000000000000000"]),
      c.pubsubNumSub(["ch"]),
    ];
    for (const cmd of cases) {
      const result = await both(cmd);
      expect(result.resp3, cmd.spec.name).toEqual(result.resp2);
    }
    const stats = await both(c.memoryStats());
    expect(typeof stats.resp2.peakAllocated).toBe("number");
    expect(typeof stats.resp3.datasetPercentage).toBe("number");
    expect(Object.keys(stats.resp3).sort()).toEqual(Object.keys(stats.resp2).sort());
  });

  it("server, connection, bitmaps, HyperLogLog, scripts", async () => {
    await setup(
      ["SET", "bits", "A12"],
      ["PFADD", "hll", "a", "b"],
      ["SET", "ttlkey", "v", "EX", "1000"],
    );
    const cases: Command<unknown>[] = [
      c.ping(),
      c.ping({ message: "hi" }),
      c.echo("hi"),
      c.dbsize(),
      c.clientGetName(),
      c.configGet(["port", "maxmemory"]),
      c.lolwut({ version: 5, parameters: [4, 2, 2] }),
      c.scan("0", { count: 1000 }),
      c.bitcount("bits"),
      c.bitpos("bits", 1, { start: 1, end: -1 }),
      c.bitfield("bits", []),
      c.pfcount(["hll"]),
      c.lcs("s1", "s2"),
      c.lcsLen("s1", "s2"),
      c.expiretime("ttlkey"),
      c.dump("bits"),
      c.latencyHistory("command"),
      c.functionList(),
      c.sortReadOnly("l", { isAlpha: true }),
      c.unwatch(),
    ];
    for (const cmd of cases) {
      const result = await both(cmd);
      expect(result.resp3, cmd.spec.name).toEqual(result.resp2);
    }
    const time = await both(c.time());
    expect(time.resp3).toHaveLength(2);
    expect(Number(time.resp2[0])).toBeGreaterThan(1_600_000_000);
    const info = await both(c.info());
    expect(info.resp3).toContain("# Server");
    expect(info.resp2).toContain("# Server");
  });
});
