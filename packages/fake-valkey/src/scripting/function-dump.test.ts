import { describe, expect, it } from "vitest";
import { crc64 } from "../rdb/crc64.js";
import { dumpFunctions, readFunctionDump } from "./function-dump.js";

const LIBRARY = [
  "#!lua name=counters",
  "local function bump(keys, args) return redis.call('incrby', keys[1], args[1] or 1) end",
  "local function peek(keys) return redis.call('get', keys[1]) or '0' end",
  "redis.register_function('bump', bump)",
  "redis.register_function{function_name='peek', callback=peek, flags={'no-writes'}}",
  "-- padding padding padding padding padding padding padding padding",
  "",
].join("\n");

describe("FUNCTION DUMP payloads", () => {
  it("computes the server's CRC64 (Jones)", () => {
    expect(crc64(Buffer.from("123456789"))).toBe(0xe9c6d914c4b8d9can);
    expect(crc64(Buffer.alloc(0))).toBe(0n);
  });

  it("reads back what it writes, for short, medium and long code", () => {
    const codes = [
      Buffer.from("#!lua name=a\nredis.register_function('f', function() return 1 end)"),
      Buffer.from(`#!lua name=b\n--${"x".repeat(70)}`),
      Buffer.from(`#!lua name=c\n--${"y".repeat(20_000)}`),
    ];
    const payload = dumpFunctions(codes);
    expect(payload[0]).toBe(0xf5);
    expect(readFunctionDump(payload)).toEqual(codes);
    expect(readFunctionDump(dumpFunctions([]))).toEqual([]);
  });

  it("reads a payload FUNCTION DUMP wrote on redis-server 7.0, its code LZF-compressed", () => {
    // FUNCTION LOAD of LIBRARY, then FUNCTION DUMP, on redis-server 7.0.15 (RDB version 10).
    const payload = Buffer.from(
      [
        "f5c340e2416d1f23216c7561206e616d653d636f756e746572730a6c6f63616c2066756e637469196f6e2062",
        "756d70286b6579732c2061726773292072657475726e2006036469732e202a0b6c2827696e63726279272c20",
        "4027025b315d802a200809206f7220312920656e64e00756037065656b6056e00c5002676574e0014d002940",
        "45022730276046807604726567697320ad005fc0a601282740a7203340060029e00f25007bc02e005f60f200",
        "274084203340c4046261636b3d400f1f2c20666c6167733d7b276e6f2d777269746573277d7d0a2d2d207061",
        "6464696e0067e02e0701670a0a00b27faefdf2872792",
      ].join(""),
      "hex",
    );
    expect(payload[1]).toBe(0xc3);
    expect(readFunctionDump(payload)?.map(String)).toEqual([LIBRARY]);
  });

  it("refuses a payload whose checksum or version is wrong", () => {
    const payload = dumpFunctions([Buffer.from("#!lua name=a\nx")]);
    const corrupted = Buffer.from(payload);
    corrupted[3] = (corrupted[3] as number) ^ 1;
    expect(readFunctionDump(corrupted)).toBeUndefined();
    expect(readFunctionDump(Buffer.from("short"))).toBeUndefined();
  });
});
