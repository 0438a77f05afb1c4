import { describe, expect, it } from "vitest";
import { crc64, dumpFunctions, readFunctionDump } from "./function-dump.js";

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

  it("refuses a payload whose checksum or version is wrong", () => {
    const payload = dumpFunctions([Buffer.from("#!lua name=a\nx")]);
    const corrupted = Buffer.from(payload);
    corrupted[3] = (corrupted[3] as number) ^ 1;
    expect(readFunctionDump(corrupted)).toBeUndefined();
    expect(readFunctionDump(Buffer.from("short"))).toBeUndefined();
  });
});
