import { describe, expect, it } from "vitest";
import { findWithServerSpecs, keyIndexes, toKeySpec } from "./key-specs.js";
import type { ServerKeySpec } from "./table-entry.js";

const range = (index: number, lastKey: number, keyStep = 1, limit = 0): ServerKeySpec => ({
  begin: { index },
  find: { lastKey, keyStep, limit },
});

describe("toKeySpec", () => {
  it("keeps simple forms compact", () => {
    expect(toKeySpec([])).toEqual({ kind: "none" });
    expect(toKeySpec([range(1, 0)])).toEqual({ kind: "range", first: 1, last: 1, step: 1 });
    expect(toKeySpec([range(1, -1, 2)])).toEqual({ kind: "range", first: 1, last: -1, step: 2 });
    expect(toKeySpec([range(2, 1)])).toEqual({ kind: "range", first: 2, last: 3, step: 1 });
    expect(
      toKeySpec([{ begin: { index: 2 }, find: { keyNumIndex: 0, firstKey: 1, keyStep: 1 } }]),
    ).toEqual({ kind: "keynum", numkeysIndex: 2, firstKeyOffset: 1, step: 1 });
  });

  it("returns undefined when a spec is unknown", () => {
    expect(toKeySpec([range(1, 0), { begin: "unknown", find: "unknown" }])).toBeUndefined();
  });

  it("falls back to a custom finder for non-adjacent or keyword specs", () => {
    const spec = toKeySpec([range(1, 0), range(3, 0)]);
    expect(spec?.kind).toBe("custom");
    expect(spec && keyIndexes(spec, ["CMD", "a", "x", "b"])).toEqual([1, 3]);
  });
});

describe("findWithServerSpecs", () => {
  it("searches a keyword backwards from the end (negative startFrom)", () => {
    const spec: ServerKeySpec = {
      begin: { keyword: "KEYS", startFrom: -2 },
      find: { lastKey: -1, keyStep: 1, limit: 0 },
    };
    expect(findWithServerSpecs([spec], ["M", "h", "p", "", "0", "5", "keys", "a", "b"])).toEqual([
      7, 8,
    ]);
    expect(findWithServerSpecs([spec], ["M", "h", "p", "k", "0", "5"])).toEqual([]);
  });

  it("divides the rest by `limit` (XREAD's ids follow its keys)", () => {
    const spec: ServerKeySpec = {
      begin: { keyword: "STREAMS", startFrom: 1 },
      find: { lastKey: -1, keyStep: 1, limit: 2 },
    };
    const args = ["XREAD", "BLOCK", 0, "STREAMS", "a", "b", "c", "1", "2", "3"];
    expect(findWithServerSpecs([spec], args)).toEqual([4, 5, 6]);
  });

  it("reads numkeys with a step and stops at the end of the arguments", () => {
    const spec: ServerKeySpec = {
      begin: { index: 1 },
      find: { keyNumIndex: 0, firstKey: 1, keyStep: 2 },
    };
    expect(findWithServerSpecs([spec], ["C", "4", "k1", "v1", "k2", "v2"])).toEqual([2, 4]);
    expect(findWithServerSpecs([spec], ["C", "10", "k1"])).toEqual([2]);
    expect(findWithServerSpecs([spec], ["C", "x", "k1"])).toEqual([]);
  });

  it("merges overlapping specs without duplicates, in order", () => {
    expect(findWithServerSpecs([range(2, 0), range(1, 1)], ["C", "a", "b"])).toEqual([1, 2]);
  });

  it("reads Buffer and number arguments", () => {
    const spec: ServerKeySpec = {
      begin: { keyword: "STREAMS", startFrom: 1 },
      find: { lastKey: -1, keyStep: 1, limit: 2 },
    };
    expect(findWithServerSpecs([spec], ["XREAD", Buffer.from("streams"), "s", 0])).toEqual([2]);
  });
});
