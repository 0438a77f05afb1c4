import { describe, expect, it } from "vitest";
import { glideCustomReply } from "./custom-replies.js";

// RESP2 and RESP3 forms of the same replies reach one shape, GLIDE's (read from GLIDE 2.5.2).
describe("customCommand replies in GLIDE's shapes", () => {
  it("turns RESP2 maps into RESP3's entries (HELLO, HGETALL, CONFIG GET)", () => {
    const resp3 = [
      { key: "server", value: "redis" },
      { key: "proto", value: 2 },
    ];
    expect(glideCustomReply(["server", "redis", "proto", 2], ["HELLO"])).toEqual(resp3);
    expect(glideCustomReply(resp3, ["hello", "3"])).toBe(resp3);
    expect(glideCustomReply(["f", "v"], ["HGETALL", "h"])).toEqual([{ key: "f", value: "v" }]);
    expect(glideCustomReply(["maxmemory", "0"], ["config", "get", "maxmemory"])).toEqual([
      { key: "maxmemory", value: "0" },
    ]);
  });

  it("gives sets as arrays, at any depth", () => {
    expect(glideCustomReply(new Set(["a"]), ["SMEMBERS", "s"])).toEqual(["a"]);
    expect(
      glideCustomReply([{ key: "flags", value: new Set(["off"]) }], ["CLIENT", "TRACKINGINFO"]),
    ).toEqual([{ key: "flags", value: ["off"] }]);
  });

  it("makes 0/1 booleans and scores numbers where GLIDE does", () => {
    expect(glideCustomReply(1, ["HEXISTS", "h", "f"])).toBe(true);
    expect(glideCustomReply([1, 0], ["SMISMEMBER", "s", "a", "b"])).toEqual([true, false]);
    expect(glideCustomReply([0], ["SCRIPT", "EXISTS", "abc"])).toEqual([false]);
    expect(glideCustomReply("1.5", ["INCRBYFLOAT", "k", "1.5"])).toBe(1.5);
    expect(glideCustomReply(null, ["ZSCORE", "z", "m"])).toBeNull();
    expect(glideCustomReply(["2", null], ["ZMSCORE", "z", "a", "b"])).toEqual([2, null]);
    expect(glideCustomReply("3", ["ZADD", "z", "INCR", "1", "a"])).toBe(3);
    expect(glideCustomReply(1, ["ZADD", "z", "1", "a"])).toBe(1);
  });

  it("shapes member/score replies from either protocol", () => {
    const shaped = [
      { key: "a", value: 1 },
      { key: "b", value: 2.5 },
    ];
    expect(
      glideCustomReply(["a", "1", "b", "2.5"], ["ZRANGE", "z", "0", "-1", "WITHSCORES"]),
    ).toEqual(shaped);
    expect(
      glideCustomReply(
        [
          ["a", 1],
          ["b", 2.5],
        ],
        ["ZRANGE", "z", "0", "-1", "withscores"],
      ),
    ).toEqual(shaped);
    expect(glideCustomReply(["a", 1], ["ZPOPMIN", "z"])).toEqual([{ key: "a", value: 1 }]);
    expect(glideCustomReply(["a", "b"], ["ZRANGE", "z", "0", "-1"])).toEqual(["a", "b"]);
    expect(glideCustomReply(["a", "2"], ["ZRANDMEMBER", "z", "1", "WITHSCORES"])).toEqual([
      ["a", 2],
    ]);
    expect(glideCustomReply(["z", [["a", "2"]]], ["ZMPOP", "1", "z", "MIN"])).toEqual([
      "z",
      [{ key: "a", value: 2 }],
    ]);
    expect(glideCustomReply(["z", "a", "1"], ["BZPOPMIN", "z", "1"])).toEqual(["z", "a", 1]);
  });

  it("shapes streams, LMPOP, GEOPOS and HRANDFIELD as GLIDE does", () => {
    const entries = [["1-0", ["a", "1"]]];
    const shapedEntries = [{ key: "1-0", value: [["a", "1"]] }];
    expect(glideCustomReply(entries, ["XRANGE", "s", "-", "+"])).toEqual(shapedEntries);
    expect(glideCustomReply([["s", entries]], ["XREAD", "STREAMS", "s", "0"])).toEqual([
      { key: "s", value: shapedEntries },
    ]);
    expect(
      glideCustomReply([{ key: "s", value: entries }], ["XREAD", "STREAMS", "s", "0"]),
    ).toEqual([{ key: "s", value: shapedEntries }]);
    expect(glideCustomReply([["name", "g", "lag", 1]], ["XINFO", "GROUPS", "s"])).toEqual([
      [
        { key: "name", value: "g" },
        { key: "lag", value: 1 },
      ],
    ]);
    expect(glideCustomReply(["l", ["a"]], ["LMPOP", "1", "l", "LEFT"])).toEqual([
      { key: "l", value: ["a"] },
    ]);
    expect(glideCustomReply([["13.3", "38.1"], null], ["GEOPOS", "g", "p", "q"])).toEqual([
      [13.3, 38.1],
      null,
    ]);
    expect(glideCustomReply(["f", "v"], ["HRANDFIELD", "h", "1", "WITHVALUES"])).toEqual([
      ["f", "v"],
    ]);
    expect(glideCustomReply(["1-0"], ["XCLAIM", "s", "g", "c", "0", "1-0", "JUSTID"])).toEqual([
      "1-0",
    ]);
  });

  it("leaves other replies and errors as they are", () => {
    const error = new Error("x");
    expect(glideCustomReply(error as never, ["HGETALL", "h"])).toBe(error);
    expect(glideCustomReply(["a", "b"], ["LRANGE", "l", "0", "-1"])).toEqual(["a", "b"]);
    expect(glideCustomReply(Buffer.from("v"), [Buffer.from("GET"), "k"])).toEqual(Buffer.from("v"));
  });
});
