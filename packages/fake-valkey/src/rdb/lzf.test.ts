import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lzfDecompress } from "./lzf.js";

describe("lzfDecompress", () => {
  it("copies literal runs and overlapping back references", () => {
    // "abc" literal, then a reference 3 back of length 6: "abcabcabc".
    const input = Uint8Array.from([2, 0x61, 0x62, 0x63, (4 << 5) | 0, 2]);
    expect(lzfDecompress(input, 9)?.toString()).toBe("abcabcabc");
  });

  it("reads the extra length byte of long references", () => {
    // "a", then a reference 1 back of 7 + 10 + 2 = 19 bytes.
    const input = Uint8Array.from([0, 0x61, 7 << 5, 10, 0]);
    expect(lzfDecompress(input, 20)?.toString()).toBe("a".repeat(20));
  });

  it("refuses references before the start and lengths that do not match", () => {
    expect(lzfDecompress(Uint8Array.from([(1 << 5) | 0, 5]), 3)).toBeUndefined();
    expect(lzfDecompress(Uint8Array.from([1, 0x61, 0x62]), 3)).toBeUndefined();
    expect(lzfDecompress(Uint8Array.from([5, 0x61]), 6)).toBeUndefined();
  });

  it("returns the literal bytes of an all-literal stream, and never throws", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 32 }), (bytes) => {
        const input = Uint8Array.from([bytes.length - 1, ...bytes]);
        expect(lzfDecompress(input, bytes.length)).toEqual(Buffer.from(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(200), (bytes, length) => {
        const out = lzfDecompress(bytes, length);
        expect(out === undefined || out.length === length).toBe(true);
      }),
    );
  });
});
