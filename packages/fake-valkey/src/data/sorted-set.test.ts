import { describe, expect, it } from "vitest";
import { SortedSet } from "./sorted-set.js";

describe("SortedSet", () => {
  it("orders by score, then by member bytes", () => {
    const zset = new SortedSet();
    zset.set("b", 1);
    zset.set("a", 1);
    zset.set("c", 0);
    zset.set("\xff", 1);
    expect(zset.entries().map((e) => e.member)).toEqual(["c", "a", "b", "\xff"]);
    expect(zset.rank("b")).toBe(2);
  });

  it("moves a member when its score changes and reports new members", () => {
    const zset = new SortedSet();
    expect(zset.set("a", 1)).toBe(true);
    expect(zset.set("b", 2)).toBe(true);
    expect(zset.set("a", 3)).toBe(false);
    expect(zset.entries().map((e) => e.member)).toEqual(["b", "a"]);
    expect(zset.delete("b")).toBe(true);
    expect(zset.delete("b")).toBe(false);
    expect(zset.size).toBe(1);
  });

  it("finds score bounds, inclusive and exclusive", () => {
    const zset = new SortedSet();
    for (const [member, score] of [
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["d", 3],
    ] as const)
      zset.set(member, score);
    expect(zset.firstAtLeast(2, false)).toBe(1);
    expect(zset.firstAtLeast(2, true)).toBe(3);
    expect(zset.endAtMost(2, false)).toBe(3);
    expect(zset.endAtMost(2, true)).toBe(1);
  });

  it("builds from scored members, the last score of a repeated member winning", () => {
    const zset = SortedSet.from([
      { member: "b", score: 2 },
      { member: "a", score: 5 },
      { member: "b", score: 1 },
    ]);
    expect(zset.entries()).toEqual([
      { member: "b", score: 1 },
      { member: "a", score: 5 },
    ]);
    expect(SortedSet.from([]).size).toBe(0);
  });

  it("clones independently", () => {
    const zset = new SortedSet();
    zset.set("a", 1);
    const copy = zset.clone();
    copy.set("b", 2);
    expect(zset.size).toBe(1);
    expect(copy.size).toBe(2);
  });
});
