// Real server replies, decoded for RESP2 and for RESP3, must parse to the same
// result. Starts a redis-server (or valkey-server) on a free loopback port and
// stops it by pid. Full client behaviour is tested in the client packages.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { encodeCommand, RespDecoder, type RespValue } from "@petrel/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Command, type CommandArg, Decoder } from "../src/command.js";
import { standaloneCommands as c, GeoUnit, InfBoundary } from "../src/index.js";
import { parseReply } from "../src/spec.js";

const server = ["/usr/bin/valkey-server", "/usr/bin/redis-server"].find((path) => existsSync(path));

class MiniConnection {
  private readonly pending: { resolve: (value: RespValue) => void; asBuffers: boolean }[] = [];
  private readonly decoder = new RespDecoder({
    onReply: (value) => this.pending.shift()?.resolve(value),
    onPush: () => {},
    onError: (error) => {
      throw error;
    },
    replyAsBuffers: () => this.pending[0]?.asBuffers ?? false,
  });
  constructor(private readonly socket: Socket) {
    socket.on("data", (chunk) => this.decoder.feed(chunk));
  }
  send(args: readonly CommandArg[], decoder?: Decoder): Promise<RespValue> {
    return new Promise((resolve) => {
      this.pending.push({ resolve, asBuffers: decoder === Decoder.Bytes });
      this.socket.write(encodeCommand(args));
    });
  }
  static open(port: number): Promise<MiniConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port }, () =>
        resolve(new MiniConnection(socket)),
      );
      socket.once("error", reject);
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let child: ChildProcess | undefined;
let resp2: MiniConnection;
let resp3: MiniConnection;

beforeAll(async () => {
  if (!server) return;
  const port = await freePort();
  child = spawn(
    server,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  for (let attempt = 0; ; attempt++) {
    try {
      resp2 = await MiniConnection.open(port);
      break;
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  resp3 = await MiniConnection.open(port);
  await resp3.send(["HELLO", "3"]);
});

afterAll(() => {
  if (child?.pid !== undefined) process.kill(child.pid, "SIGTERM");
});

async function both<T>(cmd: Command<T>): Promise<{ resp2: T; resp3: T }> {
  const raw2 = await resp2.send(cmd.args, cmd.decoder);
  const raw3 = await resp3.send(cmd.args, cmd.decoder);
  expect(raw2).not.toBeInstanceOf(Error);
  expect(raw3).not.toBeInstanceOf(Error);
  return { resp2: parseReply(cmd, raw2, 2), resp3: parseReply(cmd, raw3, 3) };
}

async function setup(...commands: CommandArg[][]): Promise<void> {
  for (const args of commands) expect(await resp2.send(args)).not.toBeInstanceOf(Error);
}

describe.skipIf(!server)("live replies: RESP2 and RESP3 parse alike", () => {
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
