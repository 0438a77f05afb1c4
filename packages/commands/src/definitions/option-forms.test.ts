import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { ListDirection } from "../options/lists.js";
import { ScoreFilter } from "../options/sorted-sets.js";
import { blmpop, lmpop } from "./lists.js";
import { bzmpop, zmpop, zpopmax, zpopmin } from "./sorted-set-pops.js";
import { zrange, zrangeWithScores } from "./sorted-sets.js";

// GLIDE's client methods take `{ count }` / `{ reverse }`; its batch methods
// (`batch.zpopmin(key, 2)`) take the bare value. Both must build the same command.
describe("client and batch option forms", () => {
  it("accept a count object or a bare count", () => {
    expect(zpopmin("z", 2).args).toEqual(zpopmin("z", { count: 2 }).args);
    expect(zpopmin("z", 2).args).toEqual(["ZPOPMIN", "z", 2]);
    expect(zpopmax("z", 3).args).toEqual(["ZPOPMAX", "z", 3]);
    expect(zmpop(["a"], ScoreFilter.MIN, 4).args).toEqual(["ZMPOP", 1, "a", "MIN", "COUNT", 4]);
    expect(bzmpop(["a"], ScoreFilter.MAX, 1, 5).args).toEqual([
      "BZMPOP",
      1,
      1,
      "a",
      "MAX",
      "COUNT",
      5,
    ]);
    expect(lmpop(["a"], ListDirection.LEFT, 2).args).toEqual(
      lmpop(["a"], ListDirection.LEFT, { count: 2 }).args,
    );
    expect(blmpop(["a"], ListDirection.RIGHT, 0, 2).args).toEqual([
      "BLMPOP",
      0,
      1,
      "a",
      "RIGHT",
      "COUNT",
      2,
    ]);
  });

  it("accept a reverse object or a bare flag", () => {
    const range = { start: 0, end: -1 };
    expect(zrange("z", range, true).args).toEqual(zrange("z", range, { reverse: true }).args);
    expect(zrange("z", range, true).args).toEqual(["ZRANGE", "z", 0, -1, "REV"]);
    expect(zrange("z", range, false).args).toEqual(["ZRANGE", "z", 0, -1]);
    expect(zrangeWithScores("z", range, true).args).toEqual([
      "ZRANGE",
      "z",
      0,
      -1,
      "REV",
      "WITHSCORES",
    ]);
  });

  it("take the decoder only from the object form", () => {
    expect(zpopmin("z", { decoder: Decoder.Bytes }).decoder).toBe(Decoder.Bytes);
    expect(zpopmin("z", 1).decoder).toBeUndefined();
    expect(zrange("z", { start: 0, end: 1 }, { decoder: Decoder.String }).decoder).toBe(
      Decoder.String,
    );
    expect(zrange("z", { start: 0, end: 1 }, true).decoder).toBeUndefined();
  });
});
