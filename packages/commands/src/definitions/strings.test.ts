import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { TimeUnit } from "../options/time-unit.js";
import * as strings from "./strings.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

const { get, set } = strings;

describe("string command arguments", () => {
  it.each([
    ["get", strings.get("k"), ["GET", "k"]],
    ["getdel", strings.getdel("k"), ["GETDEL", "k"]],
    ["getex persist", strings.getex("k", { expiry: "persist" }), ["GETEX", "k", "PERSIST"]],
    [
      "getex PX",
      strings.getex("k", { expiry: { type: TimeUnit.Milliseconds, duration: 500 } }),
      ["GETEX", "k", "PX", 500],
    ],
    ["getex plain", strings.getex("k"), ["GETEX", "k"]],
    ["getrange", strings.getrange("k", 0, -1), ["GETRANGE", "k", 0, -1]],
    ["set", set("k", "v"), ["SET", "k", "v"]],
    ["set NX", set("k", "v", { conditionalSet: "onlyIfDoesNotExist" }), ["SET", "k", "v", "NX"]],
    ["set XX", set("k", "v", { conditionalSet: "onlyIfExists" }), ["SET", "k", "v", "XX"]],
    [
      "set IFEQ",
      set("k", "v", { conditionalSet: "onlyIfEqual", comparisonValue: "old" }),
      ["SET", "k", "v", "IFEQ", "old"],
    ],
    [
      "set GET EX",
      set("k", "v", { returnOldValue: true, expiry: { type: TimeUnit.Seconds, count: 10 } }),
      ["SET", "k", "v", "GET", "EX", 10],
    ],
    [
      "set all options",
      set("k", "v", {
        conditionalSet: "onlyIfExists",
        returnOldValue: true,
        expiry: { type: TimeUnit.UnixMilliseconds, count: 1_700_000_000_000 },
      }),
      ["SET", "k", "v", "XX", "GET", "PXAT", 1_700_000_000_000],
    ],
    ["set KEEPTTL", set("k", "v", { expiry: "keepExisting" }), ["SET", "k", "v", "KEEPTTL"]],
    ["setrange", strings.setrange("k", 3, "x"), ["SETRANGE", "k", 3, "x"]],
    ["append", strings.append("k", "x"), ["APPEND", "k", "x"]],
    ["strlen", strings.strlen("k"), ["STRLEN", "k"]],
    ["incr", strings.incr("k"), ["INCR", "k"]],
    ["incrBy", strings.incrBy("k", 5), ["INCRBY", "k", 5]],
    ["incrByFloat", strings.incrByFloat("k", 1.5), ["INCRBYFLOAT", "k", 1.5]],
    ["decr", strings.decr("k"), ["DECR", "k"]],
    ["decrBy", strings.decrBy("k", 2), ["DECRBY", "k", 2]],
    ["mget", strings.mget(["a", "b"]), ["MGET", "a", "b"]],
    ["mset record", strings.mset({ a: "1", b: "2" }), ["MSET", "a", "1", "b", "2"]],
    [
      "mset GlideRecord",
      strings.mset([{ key: Buffer.from("a"), value: "1" }]),
      ["MSET", Buffer.from("a"), "1"],
    ],
    ["msetnx", strings.msetnx({ a: "1" }), ["MSETNX", "a", "1"]],
    ["lcs", strings.lcs("a", "b"), ["LCS", "a", "b"]],
    ["lcsLen", strings.lcsLen("a", "b"), ["LCS", "a", "b", "LEN"]],
    ["lcsIdx", strings.lcsIdx("a", "b"), ["LCS", "a", "b", "IDX"]],
    [
      "lcsIdx options",
      strings.lcsIdx("a", "b", { minMatchLen: 2, withMatchLen: true }),
      ["LCS", "a", "b", "IDX", "MINMATCHLEN", 2, "WITHMATCHLEN"],
    ],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("passes the decoder through", () => {
    expect(get("k", { decoder: Decoder.Bytes }).decoder).toBe(Decoder.Bytes);
    expect(set("k", "v", { decoder: Decoder.String }).decoder).toBe(Decoder.String);
    expect(get("k").decoder).toBeUndefined();
  });

  it("checks only what GLIDE checks: an expiry count is an integer", () => {
    expect(strings.incrByFloat("k", Number.NaN).args).toEqual(["INCRBYFLOAT", "k", Number.NaN]);
    expect(() => set("k", "v", { expiry: { type: TimeUnit.Seconds, count: 1.5 } })).toThrow(
      `Received expiry '{"type":"EX","count":1.5}'. Count must be an integer`,
    );
  });

  it("uses the table's routing data", () => {
    expect(strings.mset({ a: "1" }).spec.request).toBe("multiShard");
    expect(strings.mget(["a"]).spec.keys).toEqual({ kind: "range", first: 1, last: -1, step: 1 });
  });
});

describe("string command replies (RESP2 = RESP3)", () => {
  it("get: value, Buffer and nil", () => {
    expect(parseBoth(get("k"), "v", "v")).toEqual({ resp2: "v", resp3: "v" });
    const buffer = Buffer.from("v");
    expect(parseBoth(get("k"), buffer, buffer).resp3).toBe(buffer);
    expect(parseBoth(get("k"), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("set: OK, old value, or nil", () => {
    expect(parseBoth(set("k", "v"), "OK", "OK")).toEqual({ resp2: "OK", resp3: "OK" });
    const old = parseBoth(set("k", "v", { returnOldValue: true }), "old", "old");
    expect(old).toEqual({ resp2: "old", resp3: "old" });
    const notSet = parseBoth(set("k", "v", { conditionalSet: "onlyIfExists" }), null, null);
    expect(notSet).toEqual({ resp2: null, resp3: null });
  });

  it("counters give numbers", () => {
    for (const cmd of [strings.incr("k"), strings.decrBy("k", 1), strings.strlen("k")]) {
      expect(parseBoth(cmd, 7, 7)).toEqual({ resp2: 7, resp3: 7 });
    }
  });

  it("incrByFloat parses the bulk string both protocols send", () => {
    const result = parseBoth(strings.incrByFloat("k", 0.1), "10.5", Buffer.from("10.5"));
    expect(result).toEqual({ resp2: 10.5, resp3: 10.5 });
  });

  it("mget keeps nils in place", () => {
    const result = parseBoth(strings.mget(["a", "b", "c"]), ["1", null, "3"], ["1", null, "3"]);
    expect(result.resp2).toEqual(["1", null, "3"]);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("msetnx gives a boolean", () => {
    expect(parseBoth(strings.msetnx({ a: "1" }), 1, 1)).toEqual({ resp2: true, resp3: true });
    expect(parseBoth(strings.msetnx({ a: "1" }), 0, 0)).toEqual({ resp2: false, resp3: false });
  });

  it("lcs, lcsLen", () => {
    expect(parseBoth(strings.lcs("a", "b"), "mytext", "mytext").resp3).toBe("mytext");
    expect(parseBoth(strings.lcsLen("a", "b"), 6, 6)).toEqual({ resp2: 6, resp3: 6 });
  });

  it("lcsIdx: a flat RESP2 array and a RESP3 map give one record", () => {
    const matches = [
      [[4, 7], [5, 8], 4],
      [[2, 3], [0, 1], 2],
    ];
    const result = parseBoth(
      strings.lcsIdx("a", "b", { withMatchLen: true }),
      ["matches", matches, "len", 6],
      respMap(["matches", matches], ["len", 6]),
    );
    expect(result.resp2).toEqual({ matches, len: 6 });
    expect(result.resp3).toEqual(result.resp2);
  });

  it("rejects a reply of the wrong shape with a RequestError", () => {
    expect(() => parseBoth(strings.incr("k"), [1], [1])).toThrow(/expected an integer/);
  });
});
