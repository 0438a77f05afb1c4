import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BACKEND_ID, backendIdOf, HEADER_SIZE, hasHeader, withHeader } from "./header.js";

describe("GLIDE's value header", () => {
  it("is magic 00 01 02, version 00, then the backend id", () => {
    const value = withHeader(BACKEND_ID.lz4, Buffer.from([9, 8]));
    expect([...value]).toEqual([0x00, 0x01, 0x02, 0x00, 0x02, 9, 8]);
    expect(hasHeader(value)).toBe(true);
    expect(backendIdOf(value)).toBe(2);
  });

  it("needs the magic and at least five bytes; the version is not checked (as GLIDE)", () => {
    expect(hasHeader(Buffer.from([0, 1, 2, 0]))).toBe(false);
    expect(hasHeader(Buffer.from([0, 1, 3, 0, 1]))).toBe(false);
    expect(hasHeader(Buffer.from([0, 1, 2, 7, 1]))).toBe(true);
    expect(hasHeader(Buffer.alloc(0))).toBe(false);
  });

  it("round-trips any payload", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(1, 2), (payload, id) => {
        const value = withHeader(id, payload);
        expect(value.length).toBe(HEADER_SIZE + payload.length);
        expect(hasHeader(value) && backendIdOf(value) === id).toBe(true);
        expect(Buffer.compare(value.subarray(HEADER_SIZE), Buffer.from(payload))).toBe(0);
      }),
    );
  });
});
