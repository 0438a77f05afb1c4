import { describe, expect, it } from "vitest";
import { InfBoundary } from "../options/sorted-sets.js";
import * as groups from "./stream-groups.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("stream group arguments", () => {
  it.each([
    ["xgroupCreate", groups.xgroupCreate("s", "g", "$"), ["XGROUP", "CREATE", "s", "g", "$"]],
    [
      "xgroupCreate options",
      groups.xgroupCreate("s", "g", "0", { mkStream: true, entriesRead: "5" }),
      ["XGROUP", "CREATE", "s", "g", "0", "MKSTREAM", "ENTRIESREAD", "5"],
    ],
    ["xgroupDestroy", groups.xgroupDestroy("s", "g"), ["XGROUP", "DESTROY", "s", "g"]],
    [
      "xgroupCreateConsumer",
      groups.xgroupCreateConsumer("s", "g", "c"),
      ["XGROUP", "CREATECONSUMER", "s", "g", "c"],
    ],
    [
      "xgroupDelConsumer",
      groups.xgroupDelConsumer("s", "g", "c"),
      ["XGROUP", "DELCONSUMER", "s", "g", "c"],
    ],
    [
      "xgroupSetId",
      groups.xgroupSetId("s", "g", "0", { entriesRead: 1 }),
      ["XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", 1],
    ],
    ["xpending", groups.xpending("s", "g"), ["XPENDING", "s", "g"]],
    [
      "xpendingWithOptions",
      groups.xpendingWithOptions("s", "g", {
        minIdleTime: 10,
        start: InfBoundary.NegativeInfinity,
        end: { value: "5-0", isInclusive: false },
        count: 3,
        consumer: "c",
      }),
      ["XPENDING", "s", "g", "IDLE", 10, "-", "(5-0", 3, "c"],
    ],
    [
      "xclaim",
      groups.xclaim("s", "g", "c", 100, ["1-0"], {
        idle: 5,
        idleUnixTime: 7,
        retryCount: 2,
        isForce: true,
      }),
      ["XCLAIM", "s", "g", "c", 100, "1-0", "IDLE", 5, "TIME", 7, "RETRYCOUNT", 2, "FORCE"],
    ],
    [
      "xclaimJustId",
      groups.xclaimJustId("s", "g", "c", 100, ["1-0"]),
      ["XCLAIM", "s", "g", "c", 100, "1-0", "JUSTID"],
    ],
    [
      "xautoclaim",
      groups.xautoclaim("s", "g", "c", 100, "0-0", { count: 5 }),
      ["XAUTOCLAIM", "s", "g", "c", 100, "0-0", "COUNT", 5],
    ],
    [
      "xautoclaimJustId",
      groups.xautoclaimJustId("s", "g", "c", 100, "0-0"),
      ["XAUTOCLAIM", "s", "g", "c", 100, "0-0", "JUSTID"],
    ],
    ["xinfoGroups", groups.xinfoGroups("s"), ["XINFO", "GROUPS", "s"]],
    ["xinfoConsumers", groups.xinfoConsumers("s", "g"), ["XINFO", "CONSUMERS", "s", "g"]],
    ["xinfoStream", groups.xinfoStream("s"), ["XINFO", "STREAM", "s"]],
    [
      "xinfoStream full",
      groups.xinfoStream("s", { fullOptions: true }),
      ["XINFO", "STREAM", "s", "FULL"],
    ],
    [
      "xinfoStream full count",
      groups.xinfoStream("s", { fullOptions: 0 }),
      ["XINFO", "STREAM", "s", "FULL", "COUNT", 0],
    ],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });
});

describe("stream group replies (RESP2 = RESP3)", () => {
  it("xpending summary with per-consumer counts as the server's strings, as GLIDE gives them", () => {
    const reply = [2, "1-0", "2-0", [["c", "2"]]];
    const result = parseBoth(groups.xpending("s", "g"), reply, [2, "1-0", "2-0", [["c", "2"]]]);
    expect(result.resp2).toEqual([2, "1-0", "2-0", [["c", "2"]]]);
    expect(result.resp3).toEqual(result.resp2);
    const empty = parseBoth(
      groups.xpending("s", "g"),
      [0, null, null, null],
      [0, null, null, null],
    );
    expect(empty.resp2).toEqual([0, null, null, []]);
  });

  it("xpendingWithOptions gives 4-tuples", () => {
    const reply = [["1-0", "c", 1000, 1]];
    expect(
      parseBoth(
        groups.xpendingWithOptions("s", "g", {
          start: InfBoundary.NegativeInfinity,
          end: InfBoundary.PositiveInfinity,
          count: 1,
        }),
        reply,
        reply,
      ).resp3,
    ).toEqual([["1-0", "c", 1000, 1]]);
  });

  it("xclaim entries and JUSTID ids", () => {
    const entries = [["1-0", ["f", "v"]]];
    const claimed = parseBoth(groups.xclaim("s", "g", "c", 0, ["1-0"]), entries, entries);
    expect(claimed.resp2).toEqual({ "1-0": [["f", "v"]] });
    expect(claimed.resp3).toEqual(claimed.resp2);
    const ids = parseBoth(
      groups.xclaimJustId("s", "g", "c", 0, ["1-0"]),
      ["1-0"],
      [Buffer.from("1-0")],
    );
    expect(ids).toEqual({ resp2: ["1-0"], resp3: ["1-0"] });
  });

  it("xautoclaim with and without the deleted-ids element", () => {
    const reply = ["0-0", [["1-0", ["f", "v"]]], ["3-0"]];
    const result = parseBoth(groups.xautoclaim("s", "g", "c", 0, "0"), reply, reply);
    expect(result.resp2).toEqual(["0-0", { "1-0": [["f", "v"]] }, ["3-0"]]);
    expect(result.resp3).toEqual(result.resp2);
    const justId = parseBoth(
      groups.xautoclaimJustId("s", "g", "c", 0, "0"),
      ["0-0", ["1-0"]],
      ["0-0", ["1-0"]],
    );
    expect(justId.resp2).toEqual(["0-0", ["1-0"]]);
  });

  it("xinfoGroups: list of maps", () => {
    const resp2 = [["name", "g", "consumers", 1, "last-delivered-id", "1-0", "entries-read", null]];
    const resp3 = [
      respMap(
        ["name", "g"],
        ["consumers", 1],
        ["last-delivered-id", "1-0"],
        ["entries-read", null],
      ),
    ];
    const result = parseBoth(groups.xinfoGroups("s"), resp2, resp3);
    expect(result.resp2).toEqual([
      { name: "g", consumers: 1, "last-delivered-id": "1-0", "entries-read": null },
    ]);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("xinfoStream FULL: groups and consumers become records, entries stay lists", () => {
    const entry = ["1-0", ["f", "v"]];
    const resp2 = [
      "length",
      1,
      "entries",
      [entry],
      "groups",
      [["name", "g", "pel-count", 0, "consumers", [["name", "c", "pel-count", 0]]]],
    ];
    const resp3 = respMap(
      ["length", 1],
      ["entries", [entry]],
      [
        "groups",
        [
          respMap(
            ["name", "g"],
            ["pel-count", 0],
            ["consumers", [respMap(["name", "c"], ["pel-count", 0])]],
          ),
        ],
      ],
    );
    const result = parseBoth(groups.xinfoStream("s", { fullOptions: true }), resp2, resp3);
    expect(result.resp2).toEqual({
      length: 1,
      entries: [entry],
      groups: [{ name: "g", "pel-count": 0, consumers: [{ name: "c", "pel-count": 0 }] }],
    });
    expect(result.resp3).toEqual(result.resp2);
    const summary = parseBoth(
      groups.xinfoStream("s"),
      ["length", 1, "groups", 0, "first-entry", entry],
      respMap(["length", 1], ["groups", 0], ["first-entry", entry]),
    );
    expect(summary.resp2).toEqual({ length: 1, groups: 0, "first-entry": entry });
    expect(summary.resp3).toEqual(summary.resp2);
  });

  it("group management replies", () => {
    expect(parseBoth(groups.xgroupCreate("s", "g", "$"), "OK", "OK").resp3).toBe("OK");
    expect(parseBoth(groups.xgroupDestroy("s", "g"), 1, 1)).toEqual({ resp2: true, resp3: true });
    expect(parseBoth(groups.xgroupDelConsumer("s", "g", "c"), 2, 2).resp3).toBe(2);
  });
});
