import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import {
  convertFieldsAndValuesToHashDataType,
  HashExpirationCondition,
  HashFieldConditionalChange,
} from "../options/hashes.js";
import { TimeUnit } from "../options/time-unit.js";
import {
  hashCommands,
  hdel,
  hexists,
  hexpire,
  hexpireat,
  hexpiretime,
  hget,
  hgetall,
  hgetex,
  hincrBy,
  hincrByFloat,
  hkeys,
  hlen,
  hmget,
  hpersist,
  hpexpire,
  hpexpireat,
  hpexpiretime,
  hpttl,
  hrandfield,
  hrandfieldCount,
  hrandfieldWithValues,
  hscan,
  hset,
  hsetex,
  hsetnx,
  hstrlen,
  httl,
  hvals,
} from "./hashes.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("hash arguments", () => {
  it("builds HSET from a HashDataType list or a plain object, in order", () => {
    expect(
      hset("h", [
        { field: "a", value: "1" },
        { field: Buffer.from("b"), value: "2" },
      ]).args,
    ).toEqual(["HSET", "h", "a", "1", Buffer.from("b"), "2"]);
    expect(hset("h", { a: "1", b: "2" }).args).toEqual(["HSET", "h", "a", "1", "b", "2"]);
  });

  it("builds the basic commands as GLIDE does", () => {
    expect(hget("h", "f").args).toEqual(["HGET", "h", "f"]);
    expect(hgetall("h").args).toEqual(["HGETALL", "h"]);
    expect(hmget("h", ["a", "b"]).args).toEqual(["HMGET", "h", "a", "b"]);
    expect(hdel("h", ["a"]).args).toEqual(["HDEL", "h", "a"]);
    expect(hexists("h", "a").args).toEqual(["HEXISTS", "h", "a"]);
    expect(hlen("h").args).toEqual(["HLEN", "h"]);
    expect(hkeys("h").args).toEqual(["HKEYS", "h"]);
    expect(hvals("h").args).toEqual(["HVALS", "h"]);
    expect(hincrBy("h", "f", -3).args).toEqual(["HINCRBY", "h", "f", -3]);
    expect(hincrByFloat("h", "f", 1.5).args).toEqual(["HINCRBYFLOAT", "h", "f", 1.5]);
    expect(hsetnx("h", "f", "v").args).toEqual(["HSETNX", "h", "f", "v"]);
    expect(hstrlen("h", "f").args).toEqual(["HSTRLEN", "h", "f"]);
    expect(hrandfield("h").args).toEqual(["HRANDFIELD", "h"]);
    expect(hrandfieldCount("h", -2).args).toEqual(["HRANDFIELD", "h", -2]);
    expect(hrandfieldWithValues("h", 2).args).toEqual(["HRANDFIELD", "h", 2, "WITHVALUES"]);
  });

  it("builds HSCAN with MATCH, COUNT and NOVALUES", () => {
    expect(hscan("h", "0").args).toEqual(["HSCAN", "h", "0"]);
    expect(hscan("h", "9", { match: "f*", count: 20, noValues: true }).args).toEqual([
      "HSCAN",
      "h",
      "9",
      "MATCH",
      "f*",
      "COUNT",
      20,
      "NOVALUES",
    ]);
  });

  it("builds HSETEX with condition, expiry and FIELDS", () => {
    expect(hsetex("h", { a: "1" }).args).toEqual(["HSETEX", "h", "FIELDS", 1, "a", "1"]);
    expect(
      hsetex(
        "h",
        [
          { field: "a", value: "1" },
          { field: "b", value: "2" },
        ],
        {
          fieldConditionalChange: HashFieldConditionalChange.ONLY_IF_NONE_EXIST,
          expiry: { type: TimeUnit.Seconds, count: 60 },
        },
      ).args,
    ).toEqual(["HSETEX", "h", "FNX", "EX", 60, "FIELDS", 2, "a", "1", "b", "2"]);
    expect(hsetex("h", { a: "1" }, { expiry: "KEEPTTL" }).args).toEqual([
      "HSETEX",
      "h",
      "KEEPTTL",
      "FIELDS",
      1,
      "a",
      "1",
    ]);
  });

  it("builds HGETEX with expiry or PERSIST", () => {
    expect(hgetex("h", ["a", "b"]).args).toEqual(["HGETEX", "h", "FIELDS", 2, "a", "b"]);
    expect(
      hgetex("h", ["a"], { expiry: { type: TimeUnit.UnixMilliseconds, count: 1700000000000 } })
        .args,
    ).toEqual(["HGETEX", "h", "PXAT", 1700000000000, "FIELDS", 1, "a"]);
    expect(hgetex("h", ["a"], { expiry: "PERSIST", decoder: Decoder.Bytes }).args).toEqual([
      "HGETEX",
      "h",
      "PERSIST",
      "FIELDS",
      1,
      "a",
    ]);
  });

  it("builds the field-expiry family with condition and FIELDS", () => {
    const nx = { condition: HashExpirationCondition.ONLY_IF_NO_EXPIRY };
    expect(hexpire("h", 10, ["a"], nx).args).toEqual(["HEXPIRE", "h", 10, "NX", "FIELDS", 1, "a"]);
    expect(hpexpire("h", 1500, ["a", "b"]).args).toEqual([
      "HPEXPIRE",
      "h",
      1500,
      "FIELDS",
      2,
      "a",
      "b",
    ]);
    expect(
      hexpireat("h", 1700000000, ["a"], {
        condition: HashExpirationCondition.ONLY_IF_GREATER_THAN_CURRENT,
      }).args,
    ).toEqual(["HEXPIREAT", "h", 1700000000, "GT", "FIELDS", 1, "a"]);
    expect(hpexpireat("h", 1700000000000, ["a"]).args).toEqual([
      "HPEXPIREAT",
      "h",
      1700000000000,
      "FIELDS",
      1,
      "a",
    ]);
    expect(hpersist("h", ["a"]).args).toEqual(["HPERSIST", "h", "FIELDS", 1, "a"]);
    expect(httl("h", ["a", "b"]).args).toEqual(["HTTL", "h", "FIELDS", 2, "a", "b"]);
    expect(hpttl("h", ["a"]).args).toEqual(["HPTTL", "h", "FIELDS", 1, "a"]);
    expect(hexpiretime("h", ["a"]).args).toEqual(["HEXPIRETIME", "h", "FIELDS", 1, "a"]);
    expect(hpexpiretime("h", ["a"]).args).toEqual(["HPEXPIRETIME", "h", "FIELDS", 1, "a"]);
  });
});

describe("hash replies under RESP2 and RESP3", () => {
  it("gives HGETALL as { field, value } entries from a flat array or a map", () => {
    const expected = [
      { field: "a", value: "1" },
      { field: "b", value: "2" },
    ];
    const result = parseBoth(hgetall("h"), ["a", "1", "b", "2"], respMap(["a", "1"], ["b", "2"]));
    expect(result).toEqual({ resp2: expected, resp3: expected });
    expect(parseBoth(hgetall("h"), [], [])).toEqual({ resp2: [], resp3: [] });
  });

  it("keeps Buffer fields and values with the Bytes decoder", () => {
    const field = Buffer.from([0xff]);
    const value = Buffer.from([0x00]);
    const { resp2, resp3 } = parseBoth(
      hgetall("h", { decoder: Decoder.Bytes }),
      [field, value],
      respMap([field, value]),
    );
    expect(resp2).toEqual([{ field, value }]);
    expect(resp3[0]?.field).toBe(field);
  });

  it("gives HRANDFIELD WITHVALUES as pairs from flat (RESP2) or nested (RESP3) arrays", () => {
    const expected = [
      ["a", "1"],
      ["b", "2"],
    ];
    expect(
      parseBoth(
        hrandfieldWithValues("h", 2),
        ["a", "1", "b", "2"],
        [
          ["a", "1"],
          ["b", "2"],
        ],
      ),
    ).toEqual({ resp2: expected, resp3: expected });
  });

  it("parses HINCRBYFLOAT's bulk string as a number", () => {
    expect(parseBoth(hincrByFloat("h", "f", 0.1), "10.6", "10.6")).toEqual({
      resp2: 10.6,
      resp3: 10.6,
    });
    expect(parseBoth(hincrByFloat("h", "f", 1), Buffer.from("2.5"), "2.5").resp2).toBe(2.5);
  });

  it("parses booleans, counts and nils", () => {
    expect(parseBoth(hsetnx("h", "f", "v"), 1, 1)).toEqual({ resp2: true, resp3: true });
    expect(parseBoth(hexists("h", "f"), 0, 0)).toEqual({ resp2: false, resp3: false });
    expect(parseBoth(hset("h", { a: "1" }), 1, 1).resp3).toBe(1);
    expect(parseBoth(hget("h", "f"), null, null)).toEqual({ resp2: null, resp3: null });
    expect(parseBoth(hmget("h", ["a", "b"]), ["1", null], ["1", null])).toEqual({
      resp2: ["1", null],
      resp3: ["1", null],
    });
    expect(parseBoth(hrandfield("h"), null, null).resp2).toBeNull();
    expect(parseBoth(hkeys("h"), ["a"], ["a"]).resp3).toEqual(["a"]);
  });

  it("parses HSCAN with the cursor as text even for Buffers", () => {
    const reply = [Buffer.from("12"), [Buffer.from("f"), Buffer.from("v")]];
    const { resp2, resp3 } = parseBoth(hscan("h", "0", { decoder: Decoder.Bytes }), reply, reply);
    expect(resp2[0]).toBe("12");
    expect(resp3).toEqual(["12", [Buffer.from("f"), Buffer.from("v")]]);
  });

  it("parses field-expiry codes as number arrays", () => {
    expect(parseBoth(hexpire("h", 1, ["a", "b"]), [1, -2], [1, -2])).toEqual({
      resp2: [1, -2],
      resp3: [1, -2],
    });
    expect(parseBoth(hgetex("h", ["a", "b"]), ["v", null], ["v", null]).resp3).toEqual(["v", null]);
  });

  it("rejects malformed replies with a RequestError", () => {
    const cmd = hgetall("h");
    expect(() => cmd.spec.parse(["odd"], cmd, { resp: 2 })).toThrow(RequestError);
    const pairs = hrandfieldWithValues("h", 1);
    expect(() => pairs.spec.parse([["a"]], pairs, { resp: 3 })).toThrow(RequestError);
  });
});

describe("hashCommands", () => {
  it("records every hash factory, field-expiry family included", () => {
    expect(Object.keys(hashCommands)).toHaveLength(28);
    expect(hashCommands.hpexpiretime).toBe(hpexpiretime);
    expect(hsetex("h", { a: "1" }).spec.name).toBe("HSETEX");
    expect(hpttl("h", ["a"]).spec.glideName).toBe("HPTtl");
  });
});

describe("convertFieldsAndValuesToHashDataType", () => {
  it("turns a plain object into entries and leaves a list as it is", () => {
    expect(convertFieldsAndValuesToHashDataType({ a: "1", b: "2" })).toEqual([
      { field: "a", value: "1" },
      { field: "b", value: "2" },
    ]);
    const list = [{ field: Buffer.from("f"), value: "v" }];
    expect(convertFieldsAndValuesToHashDataType(list)).toBe(list);
  });
});
