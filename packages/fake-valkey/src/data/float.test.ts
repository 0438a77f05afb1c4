import { describe, expect, it } from "vitest";
import { addFloats, formatDouble, parseDouble, parseInt64, parseRangeDouble } from "./float.js";

describe("integers (string2ll)", () => {
  it("accepts canonical int64 text only", () => {
    expect(parseInt64("0")).toBe(0n);
    expect(parseInt64("-12")).toBe(-12n);
    expect(parseInt64("9223372036854775807")).toBe(9223372036854775807n);
    for (const bad of ["", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808", "abc"]) {
      expect(parseInt64(bad)).toBeUndefined();
    }
  });
});

describe("doubles (strtod)", () => {
  it("accepts decimals, exponents and infinities, never NaN or spaces", () => {
    expect(parseDouble("1.5")).toBe(1.5);
    expect(parseDouble(".5")).toBe(0.5);
    expect(parseDouble("5.")).toBe(5);
    expect(parseDouble("-1e3")).toBe(-1000);
    expect(parseDouble("+inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parseDouble("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    expect(parseDouble("0x10")).toBe(16);
    expect(parseDouble("0x1.8p1")).toBe(3);
    for (const bad of ["", "nan", " 1", "1 ", "1e", "0x", "1e400", "1e-400", "abc"]) {
      expect(parseDouble(bad)).toBeUndefined();
    }
  });

  it("parses range bounds like bare strtod", () => {
    expect(parseRangeDouble("")).toBe(0);
    expect(parseRangeDouble("  2")).toBe(2);
    expect(parseRangeDouble("1e400")).toBe(Number.POSITIVE_INFINITY);
    expect(parseRangeDouble("2 ")).toBeUndefined();
  });

  it("formats like %.17g", () => {
    expect(formatDouble(1)).toBe("1");
    expect(formatDouble(1.1)).toBe("1.1000000000000001");
    expect(formatDouble(0.1)).toBe("0.10000000000000001");
    expect(formatDouble(1e20)).toBe("1e+20");
    expect(formatDouble(1e16)).toBe("10000000000000000");
    expect(formatDouble(-0.000001)).toBe("-9.9999999999999995e-07");
    expect(formatDouble(0.0001)).toBe("0.0001");
    expect(formatDouble(Number.POSITIVE_INFINITY)).toBe("inf");
    expect(formatDouble(Number.NEGATIVE_INFINITY)).toBe("-inf");
    expect(formatDouble(-0)).toBe("-0");
  });
});

describe("INCRBYFLOAT arithmetic (long double, %.17Lf)", () => {
  const add = (a: string, b: string) => {
    const result = addFloats(a, b);
    return result.ok ? result.text : result.reason;
  };

  it("matches the server's long double results", () => {
    expect(add("10.5", "0.1")).toBe("10.6");
    expect(add("0.1", "0.2")).toBe("0.3");
    expect(add("5.6", "5.0e3")).toBe("5005.60000000000000009");
    expect(add("0", "3")).toBe("3");
    expect(add("0", "-0.0")).toBe("0");
    expect(add("1", "-1")).toBe("0");
    expect(add("0", "1.23456789012345678901")).toBe("1.23456789012345679");
  });

  it("rejects non-floats and infinite results", () => {
    expect(add("abc", "1")).toBe("not-float");
    expect(add("1", "")).toBe("not-float");
    expect(add("1", "inf")).toBe("nan-or-infinity");
    expect(add("1e4932", "1e4932")).toBe("nan-or-infinity");
  });
});
