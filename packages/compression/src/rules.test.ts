import { describe, expect, it } from "vitest";
import { COMPRESSED_VALUES, DECOMPRESSED_REPLIES, REFUSED, refusalMessage } from "./rules.js";

describe("GLIDE's command rules", () => {
  it("refuses the 18 commands GLIDE 2.5.2 refuses, in its words", () => {
    expect([...REFUSED.keys()].sort()).toEqual(
      [
        "APPEND",
        "BITCOUNT",
        "BITFIELD",
        "BITFIELD_RO",
        "BITOP",
        "BITPOS",
        "DECR",
        "DECRBY",
        "GETBIT",
        "GETRANGE",
        "INCR",
        "INCRBY",
        "INCRBYFLOAT",
        "LCS",
        "SETBIT",
        "SETRANGE",
        "STRLEN",
        "SUBSTR",
      ].sort(),
    );
    expect(refusalMessage("INCR")).toBe(
      "Command 'INCR' is incompatible with compression: INCR expects a numeric string value, but would receive compressed bytes",
    );
    expect(refusalMessage("GET")).toBeUndefined();
  });

  it("compresses the SET family's values and expands the GET family's replies", () => {
    expect([...COMPRESSED_VALUES.keys()].sort()).toEqual(
      ["MSET", "MSETNX", "PSETEX", "SET", "SETEX", "SETNX"].sort(),
    );
    expect(COMPRESSED_VALUES.get("SETEX")).toEqual({ first: 3, step: 0 });
    expect(COMPRESSED_VALUES.get("MSET")).toEqual({ first: 2, step: 2 });
    for (const name of ["GET", "MGET", "GETEX", "GETDEL", "GETSET"])
      expect(DECOMPRESSED_REPLIES.has(name)).toBe(true);
    expect(DECOMPRESSED_REPLIES.has("HGET")).toBe(false);
  });
});
