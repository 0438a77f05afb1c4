import { describe, expect, it } from "vitest";
import { keySlot, mgetBySlot } from "./key-slot.js";

describe("keySlot", () => {
  it("matches the slots the cluster specification gives", () => {
    expect(keySlot("foo")).toBe(12182);
    expect(keySlot("123456789")).toBe(12739);
    expect(keySlot("{user1000}.following")).toBe(keySlot("user1000"));
  });
});

describe("mgetBySlot", () => {
  it("splits by slot and restores the key order", async () => {
    const calls: string[][] = [];
    const values = await mgetBySlot(["a", "{a}b", "c"], async (keys) => {
      calls.push(keys);
      return keys.map((key) => `value-of-${key}`);
    });
    expect(values).toEqual(["value-of-a", "value-of-{a}b", "value-of-c"]);
    expect(calls).toHaveLength(2);
  });
});
