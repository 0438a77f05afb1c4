import { describe, expect, it } from "vitest";
import {
  BitFieldGet,
  BitFieldIncrBy,
  BitFieldOverflow,
  BitFieldSet,
  BitmapIndexType,
  BitOffset,
  BitOffsetMultiplier,
  BitOverflowControl,
  BitwiseOperation,
  SignedEncoding,
  UnsignedEncoding,
} from "../options/bitmaps.js";
import * as bitmaps from "./bitmaps.js";
import * as hll from "./hyperloglog.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("bitmap and HyperLogLog arguments", () => {
  it.each([
    ["setbit", bitmaps.setbit("k", 7, 1), ["SETBIT", "k", 7, 1]],
    ["getbit", bitmaps.getbit("k", 7), ["GETBIT", "k", 7]],
    ["bitcount", bitmaps.bitcount("k"), ["BITCOUNT", "k"]],
    ["bitcount start", bitmaps.bitcount("k", { start: 1 }), ["BITCOUNT", "k", 1]],
    [
      "bitcount BIT",
      bitmaps.bitcount("k", { start: 1, end: 9, indexType: BitmapIndexType.BIT }),
      ["BITCOUNT", "k", 1, 9, "BIT"],
    ],
    ["bitpos", bitmaps.bitpos("k", 1), ["BITPOS", "k", 1]],
    [
      "bitpos range",
      bitmaps.bitpos("k", 0, { start: 1, end: -1, indexType: BitmapIndexType.BYTE }),
      ["BITPOS", "k", 0, 1, -1, "BYTE"],
    ],
    [
      "bitop",
      bitmaps.bitop(BitwiseOperation.XOR, "dst", ["a", "b"]),
      ["BITOP", "XOR", "dst", "a", "b"],
    ],
    [
      "bitfield",
      bitmaps.bitfield("k", [
        new BitFieldSet(new UnsignedEncoding(8), new BitOffset(0), 255),
        new BitFieldOverflow(BitOverflowControl.FAIL),
        new BitFieldIncrBy(new SignedEncoding(5), new BitOffsetMultiplier(2), -1),
        new BitFieldGet(new UnsignedEncoding(4), new BitOffset(4)),
      ]),
      [
        "BITFIELD",
        "k",
        "SET",
        "u8",
        "0",
        "255",
        "OVERFLOW",
        "FAIL",
        "INCRBY",
        "i5",
        "#2",
        "-1",
        "GET",
        "u4",
        "4",
      ],
    ],
    [
      "bitfieldReadOnly",
      bitmaps.bitfieldReadOnly("k", [new BitFieldGet(new SignedEncoding(64), new BitOffset(8))]),
      ["BITFIELD_RO", "k", "GET", "i64", "8"],
    ],
    ["pfadd", hll.pfadd("k", ["a", "b"]), ["PFADD", "k", "a", "b"]],
    ["pfcount", hll.pfcount(["a", "b"]), ["PFCOUNT", "a", "b"]],
    ["pfmerge", hll.pfmerge("dst", ["a"]), ["PFMERGE", "dst", "a"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("leaves impossible encodings and options to the server, as GLIDE does", () => {
    expect(new SignedEncoding(65).toArg()).toBe("i65");
    expect(new UnsignedEncoding(64).toArg()).toBe("u64");
    expect(new UnsignedEncoding(0).toArg()).toBe("u0");
    expect(new BitOffset(-1).toArg()).toBe("-1");
    // GLIDE sends the index type only after an end.
    expect(bitmaps.bitcount("k", { start: 0, indexType: BitmapIndexType.BIT }).args).toEqual([
      "BITCOUNT",
      "k",
      0,
    ]);
    const set = new BitFieldSet(new UnsignedEncoding(8), new BitOffset(0), 1);
    expect(bitmaps.bitfieldReadOnly("k", [set as unknown as BitFieldGet]).args).toEqual([
      "BITFIELD_RO",
      "k",
      "SET",
      "u8",
      "0",
      "1",
    ]);
  });

  it("bitfieldReadOnly is read-only, bitfield is a write", () => {
    expect(bitmaps.bitfieldReadOnly("k", []).spec.name).toBe("BITFIELD_RO");
    expect(bitmaps.bitfield("k", []).spec.name).toBe("BITFIELD");
  });
});

describe("bitmap and HyperLogLog replies (RESP2 = RESP3)", () => {
  it("counts and bits", () => {
    for (const cmd of [bitmaps.bitcount("k"), bitmaps.getbit("k", 1), hll.pfcount(["k"])]) {
      expect(parseBoth(cmd, 1, 1)).toEqual({ resp2: 1, resp3: 1 });
    }
  });

  it("bitfield keeps nulls from OVERFLOW FAIL", () => {
    const cmd = bitmaps.bitfield("k", []);
    expect(parseBoth(cmd, [1, null], [1, null])).toEqual({ resp2: [1, null], resp3: [1, null] });
  });

  it("pfadd is a boolean, pfmerge OK", () => {
    expect(parseBoth(hll.pfadd("k", ["a"]), 1, 1)).toEqual({ resp2: true, resp3: true });
    expect(parseBoth(hll.pfmerge("d", ["a"]), "OK", "OK").resp3).toBe("OK");
  });
});
