import { describe, expect, it } from "vitest";
import { InfBoundary } from "../options/sorted-sets.js";
import { keyIndexes } from "../table/key-specs.js";
import * as streams from "./streams.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("stream arguments", () => {
  it.each([
    ["xadd", streams.xadd("s", [["f", "v"]]), ["XADD", "s", "*", "f", "v"]],
    [
      "xadd options",
      streams.xadd(
        "s",
        [
          ["a", "1"],
          ["b", "2"],
        ],
        {
          id: "5-0",
          makeStream: false,
          trim: { method: "maxlen", threshold: 100, exact: false, limit: 10 },
        },
      ),
      ["XADD", "s", "NOMKSTREAM", "MAXLEN", "~", 100, "LIMIT", 10, "5-0", "a", "1", "b", "2"],
    ],
    ["xdel", streams.xdel("s", ["1-0", "2-0"]), ["XDEL", "s", "1-0", "2-0"]],
    [
      "xtrim",
      streams.xtrim("s", { method: "minid", threshold: "3-0", exact: true }),
      ["XTRIM", "s", "MINID", "=", "3-0"],
    ],
    ["xlen", streams.xlen("s"), ["XLEN", "s"]],
    ["xack", streams.xack("s", "g", ["1-0"]), ["XACK", "s", "g", "1-0"]],
    [
      "xrange",
      streams.xrange("s", InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
      ["XRANGE", "s", "-", "+"],
    ],
    [
      "xrange exclusive, count",
      streams.xrange("s", { value: "1-0", isInclusive: false }, { value: "9-0" }, { count: 2 }),
      ["XRANGE", "s", "(1-0", "9-0", "COUNT", 2],
    ],
    [
      "xrevrange",
      streams.xrevrange("s", InfBoundary.PositiveInfinity, { value: "1-0" }),
      ["XREVRANGE", "s", "+", "1-0"],
    ],
    [
      "xread",
      streams.xread({ a: "0-0", b: "$" }, { count: 2, block: 100 }),
      ["XREAD", "COUNT", 2, "BLOCK", 100, "STREAMS", "a", "b", "0-0", "$"],
    ],
    [
      "xreadgroup",
      streams.xreadgroup("g", "c", [{ key: "a", value: ">" }], { noAck: true }),
      ["XREADGROUP", "GROUP", "g", "c", "NOACK", "STREAMS", "a", ">"],
    ],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("blocking reads carry their block time and route by their stream keys", () => {
    const read = streams.xread({ a: "0", b: "0" }, { block: 250 });
    expect(read.blockMs).toBe(250);
    expect(streams.xread({ a: "0" }).blockMs).toBeUndefined();
    expect(keyIndexes(read.spec.keys, read.args)).toEqual([4, 5]);
    const group = streams.xreadgroup("g", "c", { s: ">" }, { block: 0, count: 1 });
    expect(group.blockMs).toBe(0);
    expect(keyIndexes(group.spec.keys, group.args)).toEqual([9]);
  });

  it("sends an empty stream list for the server to refuse, as GLIDE does", () => {
    expect(streams.xread({}).args).toEqual(["XREAD", "STREAMS"]);
  });
});

describe("stream replies (RESP2 = RESP3)", () => {
  const entries = [
    ["1-0", ["f1", "v1", "f2", "v2"]],
    ["2-0", ["f", "v"]],
  ];
  const shaped = {
    "1-0": [
      ["f1", "v1"],
      ["f2", "v2"],
    ],
    "2-0": [["f", "v"]],
  };

  it("xrange gives entries by id", () => {
    const result = parseBoth(
      streams.xrange("s", InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
      entries,
      entries,
    );
    expect(result.resp2).toEqual(shaped);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("xread: RESP2 [key, entries] list and RESP3 map give one GlideRecord", () => {
    const result = parseBoth(streams.xread({ s: "0" }), [["s", entries]], respMap(["s", entries]));
    expect(result.resp2).toEqual([{ key: "s", value: shaped }]);
    expect(result.resp3).toEqual(result.resp2);
    expect(parseBoth(streams.xread({ s: "$" }, { block: 1 }), null, null)).toEqual({
      resp2: null,
      resp3: null,
    });
  });

  it("xreadgroup keeps null fields of deleted entries", () => {
    const reply = [["s", [["1-0", null]]]];
    const result = parseBoth(
      streams.xreadgroup("g", "c", { s: "0" }),
      reply,
      respMap(["s", [["1-0", null]]]),
    );
    expect(result.resp2).toEqual([{ key: "s", value: { "1-0": null } }]);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("xadd gives the id, or null with NOMKSTREAM", () => {
    expect(parseBoth(streams.xadd("s", []), "1-0", "1-0").resp3).toBe("1-0");
    expect(parseBoth(streams.xadd("s", [], { makeStream: false }), null, null).resp3).toBeNull();
  });

  it("rejects odd field lists", () => {
    expect(() =>
      parseBoth(
        streams.xrange("s", InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
        [["1-0", ["f"]]],
        [],
      ),
    ).toThrow(/field\/value/);
  });
});
