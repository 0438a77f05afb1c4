// Petrel and GLIDE 2.5.2 side by side on the same real servers (test/support/side-by-side.ts):
// error messages, Decoder.Bytes, option checks, reply shapes, cluster routes.
import { expect, it } from "vitest";
import {
  BitFieldGet,
  BitOffset,
  Decoder,
  InfoOptions,
  RequestError,
  UnsignedEncoding,
} from "../src/index.js";
import { type AnyClient, type Case, describeSideBySide, outcome } from "./support/side-by-side.js";

const SHA = "ffffffffffffffffffffffffffffffffffffffff";

/** Cases whose results must match GLIDE's on every topology and protocol. */
const cases: Record<string, Case> = {
  "EVALSHA of an unknown script": (c) => c.customCommand(["EVALSHA", SHA, "0"]),
  "PFCOUNT without a key": (c) => c.customCommand(["PFCOUNT"]),
  "SCAN with a bad cursor": (c) => c.customCommand(["SCAN", "abc"]),
  "EXEC without MULTI": (c) => c.customCommand(["EXEC"]),
  "GET on a list, typed and custom": async (c, k) => {
    await c.rpush(k("list"), ["a"]);
    return [
      await outcome(() => c.get(k("list"))),
      await outcome(() => c.customCommand(["GET", k("list")])),
    ];
  },
  "RESTORE onto an existing key": async (c, k) => {
    await c.set(k("s"), "v");
    const dump = await c.dump(k("s"));
    return outcome(() => c.restore(k("s"), 0, dump));
  },
  "errors in a pipeline and a transaction, kept in their slots": async (c, k, batch) => {
    await c.rpush(k("list"), ["a"]);
    const build = (atomic: boolean) =>
      batch(atomic)
        .set(k("s"), "1")
        .get(k("list"))
        .customCommand(["EVALSHA", SHA, "1", k("s")])
        .customCommand(["LPOP", k("s")]);
    return [await c.exec(build(false), false), await c.exec(build(true), false)];
  },
  "the first error thrown with raiseOnError": async (c, k, batch) => {
    await c.rpush(k("list"), ["a"]);
    return outcome(() => c.exec(batch().set(k("s"), "1").get(k("list")), true));
  },
  "a transaction the server discarded": async (c, k, batch) =>
    (await outcome(() =>
      c.exec(
        batch(true)
          .set(k("s"), "1")
          .customCommand(["SET", k("s")]),
        false,
      ),
    )) as Error,
  "statuses follow Decoder.Bytes, OK stays text": async (c, k) => [
    await c.ping({ decoder: Decoder.Bytes }),
    await c.customCommand(["PING"], { decoder: Decoder.Bytes }),
    await c.customCommand(["SET", k("s"), "v"], { decoder: Decoder.Bytes }),
    await c.customCommand(["TYPE", k("s")], { decoder: Decoder.Bytes }),
    await c.customCommand(["HSET", k("h"), "f", "v"]),
    await c.customCommand(["HGETALL", k("h")], { decoder: Decoder.Bytes }),
  ],
  "bitfield encodings the server refuses": async (c, k, batch) => [
    await outcome(() =>
      c.bitfield(k("b"), [new BitFieldGet(new UnsignedEncoding(0), new BitOffset(0))]),
    ),
    await c.exec(
      batch().bitfield(k("b"), [new BitFieldGet(new UnsignedEncoding(64), new BitOffset(0))]),
      false,
    ),
  ],
  "argument checks GLIDE makes before sending, in calls and in batches": async (c, k, batch) => {
    const checks: [string, (target: AnyClient) => unknown][] = [
      [
        "zadd GT with NX",
        (t) => t.zadd(k("z"), { a: 1 }, { conditionalChange: "NX", updateOptions: "GT" }),
      ],
      [
        "zaddIncr LT with NX",
        (t) => t.zaddIncr(k("z"), "a", 1, { conditionalChange: "NX", updateOptions: "LT" }),
      ],
      [
        "set with a fractional expiry",
        (t) => t.set(k("s"), "v", { expiry: { type: "EX", count: 1.5 } }),
      ],
      ["getex with a fractional expiry", (t) => t.getex(k("s"), { type: "PX", duration: 2.5 })],
      [
        "hsetex with a fractional expiry",
        (t) => t.hsetex(k("h"), { f: "v" }, { expiry: { type: "EX", count: 0.5 } }),
      ],
      [
        "hgetex with a fractional expiry",
        (t) => t.hgetex(k("h"), ["f"], { expiry: { type: "EX", count: 0.5 } }),
      ],
      [
        "restore with idletime and frequency",
        (t) => t.restore(k("s"), 0, Buffer.from("x"), { idletime: 1, frequency: 1 }),
      ],
      [
        "migrate with a username and no password",
        (t) => t.migrate("127.0.0.1", 1, k("s"), 0, 10, { username: "u" }),
      ],
      ["migrate with no keys", (t) => t.migrate("127.0.0.1", 1, [], 0, 10)],
    ];
    const results: unknown[] = [];
    for (const [name, call] of checks) {
      results.push(name, await outcome(async () => call(c)));
      results.push(await outcome(async () => call(batch(false))));
    }
    return results;
  },
  // GLIDE declares Promise<number> for pexpireAt but resolves to a boolean, as Petrel declares.
  "pexpireAt resolves to a boolean, in calls and in batches": async (c, k, batch) => {
    await c.set(k("s"), "v");
    const at = Date.now() + 60_000;
    return [
      await c.pexpireAt(k("s"), at),
      await c.pexpireAt(k("missing"), at),
      await c.exec(batch(false).pexpireAt(k("s"), at + 1), true),
    ];
  },
  "xpending's summary keeps the server's counts": async (c, k) => {
    await c.xgroupCreate(k("st"), "g", "0", { mkStream: true });
    await c.xadd(k("st"), [["f", "v"]], { id: "1-0" });
    await c.xadd(k("st"), [["f", "w"]], { id: "2-0" });
    await c.xreadgroup("g", "alice", { [k("st")]: ">" });
    return c.xpending(k("st"), "g");
  },
  "customCommand replies in GLIDE's shapes": async (c, k) => {
    const run = (args: string[]) => outcome(() => c.customCommand(args));
    await c.hset(k("h"), { f: "v" });
    await c.zadd(k("z"), { a: 1, b: 2.5 });
    await c.sadd(k("set"), ["a"]);
    await c.xadd(k("st"), [["f", "v"]], { id: "1-0" });
    await c.xgroupCreate(k("st"), "g", "0");
    await c.rpush(k("l"), ["x"]);
    await c.geoadd(k("geo"), new Map([["p", { longitude: 13.36, latitude: 38.11 }]]));
    const hello = (await c.customCommand(["HELLO"])) as { key: string; value: unknown }[];
    return [
      // The connection id, and in a cluster the random node's role, differ from run to run.
      hello.filter((entry) => entry.key !== "id" && entry.key !== "role"),
      await run(["HGETALL", k("h")]),
      await run(["CONFIG", "GET", "maxmemory"]),
      await run(["HEXISTS", k("h"), "f"]),
      await run(["SMEMBERS", k("set")]),
      await run(["SMISMEMBER", k("set"), "a", "z"]),
      await run(["SCRIPT", "EXISTS", SHA]),
      await run(["INCRBYFLOAT", k("f"), "1.5"]),
      await run(["ZSCORE", k("z"), "b"]),
      await run(["ZMSCORE", k("z"), "a", "nope"]),
      await run(["ZRANGE", k("z"), "0", "-1", "WITHSCORES"]),
      await run(["ZRANDMEMBER", k("z"), "-1", "WITHSCORES"]).then(
        (r) => Array.isArray(r) && r.length,
      ),
      await run(["ZADD", k("z"), "INCR", "1", "a"]),
      await run(["HRANDFIELD", k("h"), "1", "WITHVALUES"]),
      await run(["XRANGE", k("st"), "-", "+"]),
      await run(["XREAD", "STREAMS", k("st"), "0"]),
      await run(["XINFO", "GROUPS", k("st")]),
      await run(["GEOPOS", k("geo"), "p", "q"]),
      await run(["LMPOP", "1", k("l"), "LEFT"]),
      await run(["ZMPOP", "1", k("z"), "MIN"]),
      await run(["BZPOPMIN", k("z"), "1"]),
      await run(["ZPOPMAX", k("z")]),
    ];
  },
};

/** Cluster-only cases: routes and aggregation. */
const clusterCases: Record<string, Case> = {
  "a write routed to a replica fails there": (c, k) =>
    outcome(() => c.flushall({ route: { type: "replicaSlotKey", key: k("x") } })),
  "customCommand to several nodes gives { key: address, value } entries": async (c) => {
    const replies = (await c.customCommand(["CONFIG", "GET", "maxmemory"], {
      route: "allPrimaries",
    })) as {
      key: string;
      value: unknown;
    }[];
    return replies.map((entry) => typeof entry.key === "string" && entry.value).sort();
  },
  "function stats from every node": async (c) => Object.keys(await c.functionStats()).length,
  "MSETNX across slots is refused, not split": (c, k) =>
    outcome(() => c.msetnx({ [k("a")]: "1", "{elsewhere}b": "1" })),
  "pubsub counts combined across nodes": (c) => c.pubsubNumSub(["nobody"]),
};

/** Waits (bounded) until no node is saving or rewriting, so BGSAVE/BGREWRITEAOF can start. */
async function untilIdle(c: AnyClient): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = (await c.info({ route: "allNodes" })) as Record<string, string>;
    if (
      !Object.values(info).some((text) =>
        /(rdb_bgsave_in_progress|aof_rewrite_in_progress):1/.test(text),
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("a background save did not finish within 10 s");
}

describeSideBySide({
  cases,
  clusterCases,
  extra: (mode, clients) => {
    if (mode === "standalone") {
      it("errors Petrel raises keep the server's text on serverMessage", async () => {
        const error = await clients()
          .petrel.customCommand(["PFCOUNT"])
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RequestError);
        expect((error as RequestError).serverMessage).toBe(
          "ERR wrong number of arguments for 'pfcount' command",
        );
      });
      return;
    }
    it("bgsave, bgsave SCHEDULE and bgrewriteaof answer from every primary", async () => {
      const { petrel, glide } = clients();
      const shapes: unknown[][] = [];
      for (const client of [petrel, glide]) {
        const shape: unknown[] = [];
        for (const call of [
          () => client.bgsave(),
          () => client.bgsave({ schedule: true }),
          () => client.bgrewriteaof(),
        ]) {
          await untilIdle(petrel);
          const result = (await call()) as Record<string, string>;
          shape.push(Object.keys(result).sort());
        }
        shapes.push(shape);
      }
      expect(shapes[0]).toEqual(shapes[1]);
      expect(shapes[0]?.[0]).toHaveLength(3);
      await untilIdle(petrel);
    });

    it("configResetStat resets every node", async () => {
      const { petrel } = clients();
      await petrel.customCommand(["ECHO", "counted"], { route: "allNodes" });
      expect(await petrel.configResetStat()).toBe("OK");
      const stats = (await petrel.info({
        sections: [InfoOptions.Commandstats],
        route: "allNodes",
      })) as Record<string, string>;
      expect(Object.keys(stats)).toHaveLength(6);
      for (const text of Object.values(stats)) expect(text).not.toContain("cmdstat_echo");
    });
  },
});
