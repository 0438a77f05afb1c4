import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import {
  ConditionalChange,
  InfBoundary,
  ScoreFilter,
  UpdateByScore,
} from "../options/sorted-sets.js";
import { bzmpop, bzpopmax, bzpopmin, zmpop, zpopmax, zpopmin } from "./sorted-set-pops.js";
import {
  sortedSetCommands,
  zadd,
  zaddIncr,
  zcard,
  zcount,
  zincrby,
  zlexcount,
  zmscore,
  zrandmember,
  zrandmemberWithCount,
  zrandmemberWithCountWithScores,
  zrange,
  zrangeStore,
  zrangeWithScores,
  zrank,
  zrankWithScore,
  zrem,
  zremRangeByLex,
  zremRangeByRank,
  zremRangeByScore,
  zrevrank,
  zrevrankWithScore,
  zscan,
  zscore,
} from "./sorted-sets.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("ZADD arguments", () => {
  it("puts options before the score/member pairs, as GLIDE does", () => {
    expect(zadd("z", { a: 1, b: 2.5 }).args).toEqual(["ZADD", "z", 1, "a", 2.5, "b"]);
    expect(
      zadd(
        "z",
        [
          { element: "a", score: "-inf" },
          { element: Buffer.from("b"), score: Number.POSITIVE_INFINITY },
        ],
        {
          conditionalChange: ConditionalChange.ONLY_IF_EXISTS,
          updateOptions: UpdateByScore.GREATER_THAN,
          changed: true,
        },
      ).args,
    ).toEqual([
      "ZADD",
      "z",
      "XX",
      "GT",
      "CH",
      "-inf",
      "a",
      Number.POSITIVE_INFINITY,
      Buffer.from("b"),
    ]);
  });

  it("adds INCR for zaddIncr", () => {
    expect(zaddIncr("z", "a", 2).args).toEqual(["ZADD", "z", "INCR", 2, "a"]);
    expect(
      zaddIncr("z", "a", -1, { conditionalChange: ConditionalChange.ONLY_IF_DOES_NOT_EXIST }).args,
    ).toEqual(["ZADD", "z", "NX", "INCR", -1, "a"]);
  });
});

describe("range and boundary arguments", () => {
  it("builds index, score and lex ranges with REV and LIMIT", () => {
    expect(zrange("z", { start: 0, end: -1 }).args).toEqual(["ZRANGE", "z", 0, -1]);
    expect(
      zrange(
        "z",
        {
          type: "byScore",
          start: InfBoundary.NegativeInfinity,
          end: { value: 5, isInclusive: false },
          limit: { offset: 1, count: 2 },
        },
        { reverse: true },
      ).args,
    ).toEqual(["ZRANGE", "z", "-inf", "(5", "BYSCORE", "REV", "LIMIT", 1, 2]);
    expect(
      zrange("z", { type: "byLex", start: { value: "a" }, end: InfBoundary.PositiveInfinity }).args,
    ).toEqual(["ZRANGE", "z", "[a", "+", "BYLEX"]);
  });

  it("keeps binary lex boundaries binary", () => {
    const args = zlexcount(
      "z",
      { value: Buffer.from([0xff]), isInclusive: false },
      { value: Buffer.from([0x01]) },
    ).args;
    expect(args).toEqual(["ZLEXCOUNT", "z", Buffer.from([0x28, 0xff]), Buffer.from([0x5b, 0x01])]);
  });

  it("adds WITHSCORES for zrangeWithScores and the destination for zrangeStore", () => {
    expect(zrangeWithScores("z", { start: 0, end: 1 }, { reverse: true }).args).toEqual([
      "ZRANGE",
      "z",
      0,
      1,
      "REV",
      "WITHSCORES",
    ]);
    expect(
      zrangeStore("d", "z", { type: "byScore", start: { value: 1 }, end: { value: 2 } }, true).args,
    ).toEqual(["ZRANGESTORE", "d", "z", "1", "2", "BYSCORE", "REV"]);
  });

  it("builds count and remove-range commands", () => {
    expect(
      zcount("z", InfBoundary.NegativeInfinity, { value: Number.POSITIVE_INFINITY }).args,
    ).toEqual(["ZCOUNT", "z", "-inf", "+inf"]);
    expect(zremRangeByRank("z", 0, 2).args).toEqual(["ZREMRANGEBYRANK", "z", 0, 2]);
    expect(
      zremRangeByScore("z", { value: 1.5, isInclusive: false }, InfBoundary.PositiveInfinity).args,
    ).toEqual(["ZREMRANGEBYSCORE", "z", "(1.5", "+inf"]);
    expect(zremRangeByLex("z", InfBoundary.NegativeInfinity, { value: "c" }).args).toEqual([
      "ZREMRANGEBYLEX",
      "z",
      "-",
      "[c",
    ]);
  });
});

describe("other sorted-set arguments", () => {
  it("builds member commands as GLIDE does", () => {
    expect(zrem("z", ["a", "b"]).args).toEqual(["ZREM", "z", "a", "b"]);
    expect(zcard("z").args).toEqual(["ZCARD", "z"]);
    expect(zscore("z", "a").args).toEqual(["ZSCORE", "z", "a"]);
    expect(zmscore("z", ["a", "b"]).args).toEqual(["ZMSCORE", "z", "a", "b"]);
    expect(zincrby("z", 2.5, "a").args).toEqual(["ZINCRBY", "z", 2.5, "a"]);
    expect(zrank("z", "a").args).toEqual(["ZRANK", "z", "a"]);
    expect(zrankWithScore("z", "a").args).toEqual(["ZRANK", "z", "a", "WITHSCORE"]);
    expect(zrevrank("z", "a").args).toEqual(["ZREVRANK", "z", "a"]);
    expect(zrevrankWithScore("z", "a").args).toEqual(["ZREVRANK", "z", "a", "WITHSCORE"]);
    expect(zrandmember("z").args).toEqual(["ZRANDMEMBER", "z"]);
    expect(zrandmemberWithCount("z", -2).args).toEqual(["ZRANDMEMBER", "z", -2]);
    expect(zrandmemberWithCountWithScores("z", 2).args).toEqual([
      "ZRANDMEMBER",
      "z",
      2,
      "WITHSCORES",
    ]);
  });

  it("builds ZSCAN with MATCH, COUNT and NOSCORES", () => {
    expect(zscan("z", "0", { match: "*", count: 5, noScores: true }).args).toEqual([
      "ZSCAN",
      "z",
      "0",
      "MATCH",
      "*",
      "COUNT",
      5,
      "NOSCORES",
    ]);
  });

  it("builds pops, the blocking ones with their block time", () => {
    expect(zpopmin("z").args).toEqual(["ZPOPMIN", "z"]);
    expect(zpopmax("z", { count: 2 }).args).toEqual(["ZPOPMAX", "z", 2]);
    const min = bzpopmin(["a", "b"], 0.25);
    expect(min.args).toEqual(["BZPOPMIN", "a", "b", 0.25]);
    expect(min.blockMs).toBe(250);
    expect(bzpopmax(["a"], 0).blockMs).toBe(0);
    expect(zmpop(["a", "b"], ScoreFilter.MAX, { count: 3 }).args).toEqual([
      "ZMPOP",
      2,
      "a",
      "b",
      "MAX",
      "COUNT",
      3,
    ]);
    expect(zmpop(["a"], ScoreFilter.MIN).blockMs).toBeUndefined();
    const mpop = bzmpop(["a"], ScoreFilter.MIN, 3);
    expect(mpop.args).toEqual(["BZMPOP", 3, 1, "a", "MIN"]);
    expect(mpop.blockMs).toBe(3000);
  });
});

describe("sorted-set replies under RESP2 and RESP3", () => {
  it("parses scores from bulk strings (RESP2) and doubles (RESP3), infinities included", () => {
    expect(parseBoth(zscore("z", "a"), "1.5", 1.5)).toEqual({ resp2: 1.5, resp3: 1.5 });
    expect(parseBoth(zscore("z", "a"), "inf", Number.POSITIVE_INFINITY)).toEqual({
      resp2: Number.POSITIVE_INFINITY,
      resp3: Number.POSITIVE_INFINITY,
    });
    expect(parseBoth(zscore("z", "a"), Buffer.from("-inf"), Number.NEGATIVE_INFINITY).resp2).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(parseBoth(zscore("z", "a"), null, null)).toEqual({ resp2: null, resp3: null });
    expect(parseBoth(zmscore("z", ["a", "b"]), ["2", null], [2, null])).toEqual({
      resp2: [2, null],
      resp3: [2, null],
    });
    expect(parseBoth(zincrby("z", 1, "a"), "3", 3)).toEqual({ resp2: 3, resp3: 3 });
    expect(parseBoth(zaddIncr("z", "a", 1), "4", 4)).toEqual({ resp2: 4, resp3: 4 });
    expect(parseBoth(zaddIncr("z", "a", 1), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("gives WITHSCORES as { element, score } from flat (RESP2) or nested (RESP3) pairs", () => {
    const expected = [
      { element: "a", score: 1 },
      { element: "b", score: Number.POSITIVE_INFINITY },
    ];
    const result = parseBoth(
      zrangeWithScores("z", { start: 0, end: -1 }),
      ["a", "1", "b", "inf"],
      [
        ["a", 1],
        ["b", Number.POSITIVE_INFINITY],
      ],
    );
    expect(result).toEqual({ resp2: expected, resp3: expected });
  });

  it("keeps the server's order (reverse ranges stay reversed)", () => {
    const { resp2, resp3 } = parseBoth(
      zrangeWithScores("z", { start: 0, end: -1 }, { reverse: true }),
      ["b", "2", "a", "1"],
      [
        ["b", 2],
        ["a", 1],
      ],
    );
    expect(resp2.map((entry) => entry.element)).toEqual(["b", "a"]);
    expect(resp3).toEqual(resp2);
  });

  it("keeps Buffer members with the Bytes decoder and still parses Buffer scores", () => {
    const member = Buffer.from([0xff]);
    const { resp2, resp3 } = parseBoth(
      zrangeWithScores("z", { start: 0, end: 0 }, { decoder: Decoder.Bytes }),
      [member, Buffer.from("2.5")],
      [[member, 2.5]],
    );
    expect(resp2).toEqual([{ element: member, score: 2.5 }]);
    expect(resp3[0]?.element).toBe(member);
  });

  it("parses ZPOPMIN with and without a count (RESP3 sends one pair flat)", () => {
    expect(parseBoth(zpopmin("z"), ["a", "1"], ["a", 1])).toEqual({
      resp2: [{ element: "a", score: 1 }],
      resp3: [{ element: "a", score: 1 }],
    });
    const expected = [
      { element: "a", score: 1 },
      { element: "b", score: 2 },
    ];
    expect(
      parseBoth(
        zpopmax("z", { count: 2 }),
        ["a", "1", "b", "2"],
        [
          ["a", 1],
          ["b", 2],
        ],
      ),
    ).toEqual({ resp2: expected, resp3: expected });
    expect(parseBoth(zpopmin("z"), [], [])).toEqual({ resp2: [], resp3: [] });
  });

  it("parses BZPOPMIN/BZPOPMAX as [key, member, score] or null", () => {
    expect(parseBoth(bzpopmin(["z"], 1), ["z", "a", "inf"], ["z", "a", Infinity])).toEqual({
      resp2: ["z", "a", Number.POSITIVE_INFINITY],
      resp3: ["z", "a", Number.POSITIVE_INFINITY],
    });
    expect(parseBoth(bzpopmax(["z"], 1), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("parses ZMPOP/BZMPOP as [key, entries] or null", () => {
    const expected = ["z", [{ element: "a", score: 1 }]];
    expect(
      parseBoth(zmpop(["z"], ScoreFilter.MIN), ["z", [["a", "1"]]], ["z", [["a", 1]]]),
    ).toEqual({ resp2: expected, resp3: expected });
    expect(parseBoth(bzmpop(["z"], ScoreFilter.MAX, 1), null, null).resp3).toBeNull();
  });

  it("parses ZRANK/ZREVRANK WITHSCORE as [rank, score] or null", () => {
    expect(parseBoth(zrankWithScore("z", "a"), [0, "1.5"], [0, 1.5])).toEqual({
      resp2: [0, 1.5],
      resp3: [0, 1.5],
    });
    expect(parseBoth(zrevrankWithScore("z", "a"), null, null).resp2).toBeNull();
    expect(parseBoth(zrank("z", "a"), 2, 2).resp3).toBe(2);
    expect(parseBoth(zrevrank("z", "a"), null, null).resp3).toBeNull();
  });

  it("parses ZRANDMEMBER WITHSCORES as [member, score] pairs", () => {
    expect(
      parseBoth(
        zrandmemberWithCountWithScores("z", -2),
        ["a", "1", "a", "1"],
        [
          ["a", 1],
          ["a", 1],
        ],
      ),
    ).toEqual({
      resp2: [
        ["a", 1],
        ["a", 1],
      ],
      resp3: [
        ["a", 1],
        ["a", 1],
      ],
    });
    expect(parseBoth(zrandmember("z"), null, null).resp2).toBeNull();
    expect(parseBoth(zrandmemberWithCount("z", 1), ["a"], ["a"]).resp3).toEqual(["a"]);
  });

  it("parses ZSCAN as [text cursor, flat members and scores]", () => {
    const reply = ["0", ["a", "1", "b", "inf"]];
    expect(parseBoth(zscan("z", "0"), reply, reply)).toEqual({
      resp2: ["0", ["a", "1", "b", "inf"]],
      resp3: ["0", ["a", "1", "b", "inf"]],
    });
  });

  it("parses plain ranges and counts", () => {
    expect(parseBoth(zrange("z", { start: 0, end: -1 }), ["a", "b"], ["a", "b"]).resp3).toEqual([
      "a",
      "b",
    ]);
    expect(parseBoth(zcard("z"), 2, 2).resp2).toBe(2);
    expect(parseBoth(zadd("z", { a: 1 }), 1, 1).resp3).toBe(1);
  });

  it("rejects malformed replies with a RequestError", () => {
    const cmd = zrangeWithScores("z", { start: 0, end: -1 });
    expect(() => cmd.spec.parse(["a", "not-a-score"], cmd, { resp: 2 })).toThrow(RequestError);
    expect(() => cmd.spec.parse([["a", 1, 2]], cmd, { resp: 3 })).toThrow(RequestError);
    const pop = bzpopmin(["z"], 1);
    expect(() => pop.spec.parse(["z", "a"], pop, { resp: 3 })).toThrow(RequestError);
  });
});

describe("sortedSetCommands", () => {
  it("records single-key, combination and pop factories", () => {
    expect(Object.keys(sortedSetCommands)).toHaveLength(39);
    expect(sortedSetCommands.bzmpop).toBe(bzmpop);
    expect(sortedSetCommands.zadd).toBe(zadd);
    expect(zrangeWithScores("z", { start: 0, end: 1 }).spec.glideName).toBe("ZRange");
  });
});
