// The cluster router finds keys and read/write/blocking flags from each spec;
// these check that the hash, list, set and sorted-set commands expose the right ones.
import { describe, expect, it } from "vitest";
import { type Command, CommandFlags } from "../command.js";
import { ListDirection } from "../options/lists.js";
import { ScoreFilter } from "../options/sorted-sets.js";
import { extractKeys } from "../table/key-specs.js";
import { hashCommands as h } from "./hashes.js";
import { listCommands as l } from "./lists.js";
import { setCommands as s } from "./sets.js";
import { sortedSetCommands as z } from "./sorted-sets.js";

const keysOf = (cmd: Command<unknown>) => extractKeys(cmd.spec.keys, cmd.args);
const has = (cmd: Command<unknown>, flag: number) => (cmd.spec.flags & flag) !== 0;

describe("key positions of collection commands", () => {
  it.each<[string, Command<unknown>, string[]]>([
    ["HSET", h.hset("h", { a: "1" }), ["h"]],
    ["HGETEX", h.hgetex("h", ["a"], { expiry: "PERSIST" }), ["h"]],
    ["HEXPIRE", h.hexpire("h", 5, ["a", "b"]), ["h"]],
    ["LMOVE", l.lmove("a", "b", ListDirection.LEFT, ListDirection.RIGHT), ["a", "b"]],
    ["BLPOP", l.blpop(["a", "b"], 1), ["a", "b"]],
    ["LMPOP", l.lmpop(["a", "b"], ListDirection.LEFT, { count: 2 }), ["a", "b"]],
    ["BLMPOP", l.blmpop(["a", "b"], ListDirection.LEFT, 1, 2), ["a", "b"]],
    ["SMOVE", s.smove("a", "b", "m"), ["a", "b"]],
    ["SINTERSTORE", s.sinterstore("d", ["a", "b"]), ["d", "a", "b"]],
    ["SINTERCARD", s.sintercard(["a", "b"], { limit: 1 }), ["a", "b"]],
    ["ZADD", z.zadd("z", { m: 1 }), ["z"]],
    ["ZRANGESTORE", z.zrangeStore("d", "z", { start: 0, end: 1 }), ["d", "z"]],
    [
      "ZINTER",
      z.zinterWithScores(
        [
          ["a", 1],
          ["b", 2],
        ],
        { aggregationType: "MAX" },
      ),
      ["a", "b"],
    ],
    [
      "ZUNIONSTORE",
      z.zunionstore("d", [
        ["a", 1],
        ["b", 2],
      ]),
      ["d", "a", "b"],
    ],
    ["ZDIFFSTORE", z.zdiffstore("d", ["a", "b"]), ["d", "a", "b"]],
    ["ZINTERCARD", z.zintercard(["a", "b"], { limit: 2 }), ["a", "b"]],
    ["ZMPOP", z.zmpop(["a", "b"], ScoreFilter.MIN, 2), ["a", "b"]],
    ["BZMPOP", z.bzmpop(["a", "b"], ScoreFilter.MAX, 1), ["a", "b"]],
    ["BZPOPMIN", z.bzpopmin(["a", "b"], 1), ["a", "b"]],
  ])("%s", (_name, cmd, keys) => {
    expect(keysOf(cmd)).toEqual(keys);
  });
});

describe("flags of collection commands", () => {
  it("marks the blocking commands blocking, and only them", () => {
    const blocking = [
      l.blpop(["a"], 1),
      l.brpop(["a"], 1),
      l.blmove("a", "b", ListDirection.LEFT, ListDirection.LEFT, 1),
      l.blmpop(["a"], ListDirection.LEFT, 1),
      z.bzpopmin(["a"], 1),
      z.bzpopmax(["a"], 1),
      z.bzmpop(["a"], ScoreFilter.MIN, 1),
    ];
    for (const cmd of blocking) {
      expect(has(cmd, CommandFlags.BLOCKING), cmd.spec.name).toBe(true);
      expect(cmd.blockMs, cmd.spec.name).toBe(1000);
    }
    expect(has(l.lmpop(["a"], ListDirection.LEFT), CommandFlags.BLOCKING)).toBe(false);
  });

  it("marks reads read-only (replica-eligible) and writes as writes", () => {
    for (const cmd of [
      h.hgetall("h"),
      l.lrange("l", 0, -1),
      s.smembers("s"),
      z.zrangeWithScores("z", { start: 0, end: -1 }),
      z.zscore("z", "m"),
    ]) {
      expect(has(cmd, CommandFlags.READONLY), cmd.spec.name).toBe(true);
    }
    for (const cmd of [h.hset("h", { a: "1" }), l.lpush("l", ["a"]), s.spop("s"), z.zpopmin("z")]) {
      expect(has(cmd, CommandFlags.WRITE), cmd.spec.name).toBe(true);
    }
  });

  it("names every spec after the first argument of its command", () => {
    const samples: Command<unknown>[] = [
      h.hrandfieldWithValues("h", 1),
      h.hpexpiretime("h", ["a"]),
      l.rpopCount("l", 1),
      s.srandmemberCount("s", 1),
      z.zrevrankWithScore("z", "m"),
      z.zrandmemberWithCountWithScores("z", 1),
    ];
    for (const cmd of samples) expect(cmd.spec.name).toBe(cmd.args[0]);
  });
});
