import { describe, expect, it } from "vitest";
import { SLOT_COUNT, slotOf } from "./slot-of.js";

// The test vectors of the cluster spec (hash-tag rule applied to raw bytes);
// `foo{}{bar}`, `{}a{b}` and `é` were also checked against redis-server 7.0 CLUSTER KEYSLOT.
const vectors: [string, number][] = [
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
  ["é", 10180],
  ["{}a{b}", 16175],
];

describe("slotOf", () => {
  it.each(vectors)("string %j → %i", (key, slot) => {
    expect(slotOf(key)).toBe(slot);
  });

  it.each(vectors)("Buffer %j → %i", (key, slot) => {
    expect(slotOf(Buffer.from(key, "utf8"))).toBe(slot);
  });

  it("hashes the UTF-8 bytes of é (c3 a9)", () => {
    expect(slotOf(Buffer.from([0xc3, 0xa9]))).toBe(10180);
    // The Latin-1 byte e9 is a different key.
    expect(slotOf(Buffer.from([0xe9]))).not.toBe(10180);
  });

  it("hashes a lone surrogate as the replacement character the wire carries", () => {
    expect(slotOf("\ud800")).toBe(slotOf(Buffer.from([0xef, 0xbf, 0xbd])));
    expect(slotOf("x{\ud800}")).toBe(slotOf(Buffer.from([0xef, 0xbf, 0xbd])));
  });

  it("hashes astral characters and tags holding them like their bytes", () => {
    const key = "😀{tag😀}rest";
    expect(slotOf(key)).toBe(slotOf(Buffer.from(key, "utf8")));
    expect(slotOf(key)).toBe(slotOf("tag😀"));
  });

  it("hashes a number key as its decimal text", () => {
    expect(slotOf(123456789)).toBe(12739);
  });

  it("only uses the first pair, even when it is empty", () => {
    expect(slotOf("{}{x}")).not.toBe(slotOf("x"));
    expect(slotOf("{}x}")).toBe(slotOf(Buffer.from("{}x}")));
    expect(slotOf("{a}{}")).toBe(slotOf("a"));
  });

  it("always returns a slot in range", () => {
    for (let i = 0; i < 2000; i++) {
      const slot = slotOf(`key:${i}{${i % 7 === 0 ? "" : i}}`);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(slot).toBeLessThan(SLOT_COUNT);
    }
  });

  it("gives the same slot for a string and its UTF-8 bytes, whatever the characters", () => {
    const alphabet = ["a", "{", "}", "é", "😀", "\ud800", "\u0000", "\u007f", "\u0080", "z", "{}"];
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 3000; i++) {
      let key = "";
      const length = Math.floor(random() * 12);
      for (let j = 0; j < length; j++) key += alphabet[Math.floor(random() * alphabet.length)];
      expect(slotOf(key), JSON.stringify(key)).toBe(slotOf(Buffer.from(key, "utf8")));
    }
  });
});
