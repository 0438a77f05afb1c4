import { describe, expect, it } from "vitest";
import { crc16, keySlot } from "./slot.js";

describe("crc16", () => {
  it("matches the XMODEM check value", () => {
    expect(crc16(Buffer.from("123456789"))).toBe(0x31c3);
  });
});

describe("keySlot", () => {
  it.each([
    ["123456789", 12739],
    ["foo", 12182],
    ["bar", 5061],
    ["{user1000}.following", 3443],
    ["{user1000}.followers", 3443],
    ["user1000", 3443],
    ["foo{}{bar}", 8363],
    ["foo{{bar}}zap", 4015],
    ["{bar", 4015],
    ["foo{bar}{zap}", 5061],
    ["", 0],
    ["{}", 15257],
    ["}{a}", 15495],
    ["a", 15495],
  ])("slot of %j is %i", (key, slot) => {
    expect(keySlot(key)).toBe(slot);
  });

  it("hashes raw bytes", () => {
    expect(keySlot(Buffer.from([0xc3, 0xa9]))).toBe(10180);
    expect(keySlot("é")).toBe(10180);
  });
});
