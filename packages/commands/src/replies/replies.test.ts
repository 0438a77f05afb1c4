import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import {
  isRespMap,
  nullable,
  toArrayOf,
  toEntries,
  toGlideRecord,
  toList,
  toSet,
  toStringRecord,
  toTuple,
} from "./collections.js";
import { convertGlideRecordToRecord, convertRecordToGlideRecord } from "./glide-types.js";
import {
  asIs,
  toBigInt,
  toBoolean,
  toFloat,
  toGlideString,
  toNullableFloat,
  toNullableNumber,
  toNumber,
  toOk,
  toText,
} from "./scalars.js";
import { unexpectedReply } from "./unexpected.js";

const site = { spec: { name: "TEST" } };

describe("scalar parsers", () => {
  it("asIs returns the same value", () => {
    const value = ["a"];
    expect(asIs(value)).toBe(value);
  });

  it("toText decodes Buffers and refuses other shapes", () => {
    expect(toText("a")).toBe("a");
    expect(toText(Buffer.from("é"))).toBe("é");
    expect(() => toText(1, site)).toThrow(RequestError);
    expect(() => toText(1, site)).toThrow(/to TEST: expected a string, got a number/);
  });

  it("toOk accepts only OK", () => {
    expect(toOk("OK")).toBe("OK");
    expect(() => toOk("QUEUED")).toThrow(RequestError);
  });

  it("toGlideString keeps the decoder's choice", () => {
    const buffer = Buffer.from("x");
    expect(toGlideString(buffer)).toBe(buffer);
    expect(() => toGlideString(null)).toThrow(/got null/);
  });

  it("toNumber accepts integers, big integers and numeric strings", () => {
    expect(toNumber(5)).toBe(5);
    expect(toNumber(5n)).toBe(5);
    expect(toNumber("-3")).toBe(-3);
    expect(() => toNumber("")).toThrow(RequestError);
    expect(() => toNumber("abc")).toThrow(RequestError);
    expect(toNullableNumber(null)).toBeNull();
  });

  it("toBoolean: 0/1 (RESP2), booleans (RESP3)", () => {
    expect([toBoolean(1), toBoolean(0), toBoolean(true), toBoolean(false)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(toBoolean(1n)).toBe(true);
    expect(() => toBoolean(2)).toThrow(RequestError);
    expect(() => toBoolean(null)).toThrow(RequestError);
  });

  it("toFloat: RESP3 doubles and RESP2 bulk strings agree", () => {
    const pairs: [string, number][] = [
      ["3.14", 3.14],
      ["10", 10],
      ["1e+300", 1e300],
      ["-0", -0],
      ["inf", Number.POSITIVE_INFINITY],
      ["+inf", Number.POSITIVE_INFINITY],
      ["-inf", Number.NEGATIVE_INFINITY],
    ];
    for (const [text, value] of pairs) {
      expect(toFloat(text)).toBe(value);
      expect(toFloat(Buffer.from(text))).toBe(value);
      expect(toFloat(value)).toBe(value);
    }
    for (const nan of ["nan", "-nan", "NAN", "nan(123)"]) expect(toFloat(nan)).toBeNaN();
    expect(() => toFloat("abc")).toThrow(RequestError);
    expect(() => toFloat("")).toThrow(RequestError);
    expect(toNullableFloat(null)).toBeNull();
  });

  it("toBigInt keeps precision beyond 2^53", () => {
    expect(toBigInt(9007199254740993n)).toBe(9007199254740993n);
    expect(toBigInt("9007199254740993")).toBe(9007199254740993n);
    expect(toBigInt(5)).toBe(5n);
    expect(() => toBigInt("1.5")).toThrow(RequestError);
    expect(() => toBigInt(1.5)).toThrow(RequestError);
  });
});

describe("aggregate parsers", () => {
  const resp2 = ["a", "1", "b", "2"];
  const resp3 = [
    { key: "a", value: "1" },
    { key: "b", value: "2" },
  ];

  it("toEntries reads RESP2 flat arrays and RESP3 maps alike", () => {
    expect(toEntries(resp2)).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(toEntries(resp3)).toEqual(toEntries(resp2));
    expect(toEntries([])).toEqual([]);
    expect(() => toEntries(["a"], site)).toThrow(/even-length/);
    expect(() => toEntries("a", site)).toThrow(/expected a map/);
  });

  it("isRespMap tells a decoded map from an array", () => {
    expect(isRespMap(resp3)).toBe(true);
    expect(isRespMap(resp2)).toBe(false);
    expect(isRespMap("x")).toBe(false);
  });

  it("toGlideRecord keeps order and Buffer keys, shapes values", () => {
    const key = Buffer.from("k");
    expect(toGlideRecord([key, "1"], undefined, toNumber)).toEqual([{ key, value: 1 }]);
    expect(toGlideRecord(resp3)).toEqual(toGlideRecord(resp2));
    expect(toGlideRecord([1, "x"])).toEqual([{ key: "1", value: "x" }]);
    expect(() => toGlideRecord([null, "x"])).toThrow(/map key/);
  });

  it("toStringRecord gives a plain object", () => {
    expect(toStringRecord(resp3)).toEqual({ a: "1", b: "2" });
    expect(toStringRecord([Buffer.from("a"), "1"], undefined, toNumber)).toEqual({ a: 1 });
  });

  it("toList and toArrayOf accept arrays and sets", () => {
    expect(toList(new Set(["a"]))).toEqual(["a"]);
    expect(toArrayOf(toNumber)(["1", 2])).toEqual([1, 2]);
    expect(() => toList(1, site)).toThrow(/expected an array/);
  });

  it("toSet turns RESP2 arrays and RESP3 sets into a Set", () => {
    expect(toSet(["a", "b", "a"])).toEqual(new Set(["a", "b"]));
    const set = new Set(["a"]);
    expect(toSet(set)).toBe(set);
  });

  it("nullable maps nil to null", () => {
    const parse = nullable(toNumber);
    expect(parse(null)).toBeNull();
    expect(parse(3)).toBe(3);
  });
});

describe("toTuple", () => {
  it("gives a list of at least the length asked for, extra items included", () => {
    expect(toTuple(["c", ["k"]], undefined, 2, "a [cursor, keys] pair")).toEqual(["c", ["k"]]);
    expect(toTuple(new Set(["a", "b", "c"]), undefined, 2, "a pair")).toEqual(["a", "b", "c"]);
  });

  it("rejects a shorter list or a non-list, naming what it expected", () => {
    expect(() => toTuple(["c"], undefined, 2, "a [cursor, keys] pair")).toThrow(
      /a \[cursor, keys\] pair/,
    );
    expect(() => toTuple(5, undefined, 2, "a pair")).toThrow(RequestError);
  });
});

describe("GlideRecord helpers", () => {
  it("convert both ways", () => {
    const record = convertRecordToGlideRecord({ a: 1, b: 2 });
    expect(record).toEqual([
      { key: "a", value: 1 },
      { key: "b", value: 2 },
    ]);
    expect(convertGlideRecordToRecord([{ key: Buffer.from("a"), value: 1 }, ...record])).toEqual({
      a: 1,
      b: 2,
    });
  });
});

describe("unexpectedReply", () => {
  it("names the command from a name or from the parse site's spec", () => {
    expect(unexpectedReply(1, "a map", "FT.SEARCH").message).toBe(
      "Unexpected reply to FT.SEARCH: expected a map, got a number",
    );
    expect(unexpectedReply(null, "a map", site).message).toBe(
      "Unexpected reply to TEST: expected a map, got null",
    );
    expect(unexpectedReply([], "a map").message).toBe(
      "Unexpected reply: expected a map, got an array",
    );
  });
});
