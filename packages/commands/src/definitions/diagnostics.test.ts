import { describe, expect, it } from "vitest";
import { ClientTrackingInfo } from "../options/diagnostics.js";
import * as diagnostics from "./diagnostics.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("diagnostics arguments", () => {
  it.each([
    ["latencyHistory", diagnostics.latencyHistory("command"), ["LATENCY", "HISTORY", "command"]],
    ["latencyLatest", diagnostics.latencyLatest(), ["LATENCY", "LATEST"]],
    ["latencyReset", diagnostics.latencyReset(), ["LATENCY", "RESET"]],
    ["latencyReset events", diagnostics.latencyReset(["a", "b"]), ["LATENCY", "RESET", "a", "b"]],
    ["clientTrackingInfo", diagnostics.clientTrackingInfo(), ["CLIENT", "TRACKINGINFO"]],
    ["memoryStats", diagnostics.memoryStats(), ["MEMORY", "STATS"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("cluster variants carry the route", () => {
    expect(diagnostics.memoryStatsCluster({ route: "allNodes" }).route).toBe("allNodes");
    expect(diagnostics.latencyResetCluster(undefined, { route: "randomNode" }).route).toBe(
      "randomNode",
    );
  });
});

describe("diagnostics replies (RESP2 = RESP3)", () => {
  it("latency history and latest", () => {
    const history = parseBoth(
      diagnostics.latencyHistory("e"),
      [[1700000000, 5]],
      [[1700000000, 5]],
    );
    expect(history.resp2).toEqual([{ time: 1700000000, latency: 5 }]);
    expect(history.resp3).toEqual(history.resp2);
    const latest = parseBoth(
      diagnostics.latencyLatest(),
      [["command", 1700000000, 5, 10]],
      [["command", 1700000000, 5, 10, 30, 3]],
    );
    expect(latest.resp2).toEqual([
      { eventName: "command", latestTime: 1700000000, latestDuration: 5, maxDuration: 10 },
    ]);
    expect(latest.resp3).toEqual([{ ...latest.resp2[0], sum: 30, count: 3 }]);
  });

  it("client tracking info", () => {
    const result = parseBoth(
      diagnostics.clientTrackingInfo(),
      ["flags", ["off"], "redirect", -1, "prefixes", []],
      respMap(["flags", new Set(["off"])], ["redirect", -1], ["prefixes", []]),
    );
    expect(result.resp2).toBeInstanceOf(ClientTrackingInfo);
    expect(result.resp2).toEqual(new ClientTrackingInfo(new Set(["off"]), -1, new Set()));
    expect(result.resp3).toEqual(result.resp2);
  });

  it("memory stats: camelCased names, db entries, ratios from strings or doubles", () => {
    const resp2 = [
      "peak.allocated",
      894008,
      "allocator-fragmentation.ratio",
      "1.08",
      "keys.bytes-per-key",
      0,
      "db.0",
      ["overhead.hashtable.main", 72, "overhead.hashtable.expires", 32],
    ];
    const resp3 = respMap(
      ["peak.allocated", 894008],
      ["allocator-fragmentation.ratio", 1.08],
      ["keys.bytes-per-key", 0],
      ["db.0", respMap(["overhead.hashtable.main", 72], ["overhead.hashtable.expires", 32])],
    );
    const result = parseBoth(diagnostics.memoryStats(), resp2, resp3);
    expect(result.resp2).toEqual({
      peakAllocated: 894008,
      allocatorFragmentationRatio: 1.08,
      keysBytesPerKey: 0,
      db: { 0: { overheadHashtableMain: 72, overheadHashtableExpires: 32 } },
    });
    expect(result.resp3).toEqual(result.resp2);
  });
});
