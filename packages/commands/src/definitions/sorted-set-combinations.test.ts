import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import {
  zdiff,
  zdiffstore,
  zdiffWithScores,
  zinter,
  zintercard,
  zinterstore,
  zinterWithScores,
  zunion,
  zunionstore,
  zunionWithScores,
} from "./sorted-set-combinations.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("sorted-set combination arguments", () => {
  it("prefixes the key count, as the server wants", () => {
    expect(zinter(["a", "b"]).args).toEqual(["ZINTER", 2, "a", "b"]);
    expect(zunion(["a"]).args).toEqual(["ZUNION", 1, "a"]);
    expect(zdiff(["a", "b"]).args).toEqual(["ZDIFF", 2, "a", "b"]);
    expect(zdiffWithScores(["a", "b"]).args).toEqual(["ZDIFF", 2, "a", "b", "WITHSCORES"]);
    expect(zdiffstore("d", ["a", "b"]).args).toEqual(["ZDIFFSTORE", "d", 2, "a", "b"]);
    expect(zintercard(["a", "b"], { limit: 3 }).args).toEqual([
      "ZINTERCARD",
      2,
      "a",
      "b",
      "LIMIT",
      3,
    ]);
    expect(zintercard(["a"]).args).toEqual(["ZINTERCARD", 1, "a"]);
  });

  it("splits weighted keys into keys and WEIGHTS, then AGGREGATE", () => {
    expect(
      zinterstore(
        "d",
        [
          ["a", 1],
          ["b", 2.5],
        ],
        { aggregationType: "MAX" },
      ).args,
    ).toEqual(["ZINTERSTORE", "d", 2, "a", "b", "WEIGHTS", 1, 2.5, "AGGREGATE", "MAX"]);
    expect(zunionstore("d", ["a", "b"]).args).toEqual(["ZUNIONSTORE", "d", 2, "a", "b"]);
    expect(zunionWithScores([["a", 2]], { aggregationType: "SUM" }).args).toEqual([
      "ZUNION",
      1,
      "a",
      "WEIGHTS",
      2,
      "AGGREGATE",
      "SUM",
      "WITHSCORES",
    ]);
    expect(zinterWithScores(["a", "b"], { decoder: Decoder.Bytes }).args).toEqual([
      "ZINTER",
      2,
      "a",
      "b",
      "WITHSCORES",
    ]);
  });
});

describe("sorted-set combination replies under RESP2 and RESP3", () => {
  it("gives WITHSCORES results as { element, score } entries", () => {
    const expected = [
      { element: "a", score: 2 },
      { element: "b", score: 4.5 },
    ];
    for (const cmd of [
      zinterWithScores(["x", "y"]),
      zunionWithScores(["x"]),
      zdiffWithScores(["x"]),
    ]) {
      expect(
        parseBoth(
          cmd,
          ["a", "2", "b", "4.5"],
          [
            ["a", 2],
            ["b", 4.5],
          ],
        ),
      ).toEqual({ resp2: expected, resp3: expected });
    }
  });

  it("gives member lists and counts unchanged", () => {
    expect(parseBoth(zinter(["a"]), ["m"], ["m"])).toEqual({ resp2: ["m"], resp3: ["m"] });
    expect(parseBoth(zunionstore("d", ["a"]), 3, 3).resp2).toBe(3);
    expect(parseBoth(zintercard(["a", "b"]), 1, 1).resp3).toBe(1);
  });
});
