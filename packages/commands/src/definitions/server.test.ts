import { describe, expect, it } from "vitest";
import { ClientPauseMode, FlushMode, InfoOptions } from "../options/server.js";
import * as server from "./server.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("server command arguments", () => {
  it.each([
    ["info", server.info(), ["INFO"]],
    [
      "info sections",
      server.info([InfoOptions.Server, InfoOptions.Memory]),
      ["INFO", "server", "memory"],
    ],
    [
      "info cluster",
      server.infoCluster({ sections: [InfoOptions.Everything] }),
      ["INFO", "everything"],
    ],
    ["configGet", server.configGet(["maxmemory", "port"]), ["CONFIG", "GET", "maxmemory", "port"]],
    [
      "configSet",
      server.configSet({ maxmemory: "1mb", "maxmemory-policy": "allkeys-lru" }),
      ["CONFIG", "SET", "maxmemory", "1mb", "maxmemory-policy", "allkeys-lru"],
    ],
    ["configRewrite", server.configRewrite(), ["CONFIG", "REWRITE"]],
    ["configResetStat", server.configResetStat(), ["CONFIG", "RESETSTAT"]],
    ["dbsize", server.dbsize(), ["DBSIZE"]],
    ["flushall", server.flushall(), ["FLUSHALL"]],
    ["flushall ASYNC", server.flushall(FlushMode.ASYNC), ["FLUSHALL", "ASYNC"]],
    ["flushdb SYNC", server.flushdb(FlushMode.SYNC), ["FLUSHDB", "SYNC"]],
    ["flushdb cluster", server.flushdbCluster({ mode: FlushMode.ASYNC }), ["FLUSHDB", "ASYNC"]],
    ["time", server.time(), ["TIME"]],
    ["lastsave", server.lastsave(), ["LASTSAVE"]],
    ["lolwut", server.lolwut(), ["LOLWUT"]],
    [
      "lolwut options",
      server.lolwut({ version: 5, parameters: [40, 2, 3] }),
      ["LOLWUT", "VERSION", 5, 40, 2, 3],
    ],
    ["save", server.save(), ["SAVE"]],
    ["bgsave", server.bgsave(), ["BGSAVE"]],
    ["bgsaveSchedule", server.bgsaveSchedule(), ["BGSAVE", "SCHEDULE"]],
    ["bgsaveCancel", server.bgsaveCancel(), ["BGSAVE", "CANCEL"]],
    ["bgrewriteaof", server.bgrewriteaof(), ["BGREWRITEAOF"]],
    ["clientPause", server.clientPause(100), ["CLIENT", "PAUSE", 100]],
    [
      "clientPause WRITE",
      server.clientPause(100, ClientPauseMode.WRITE),
      ["CLIENT", "PAUSE", 100, "WRITE"],
    ],
    ["clientUnpause", server.clientUnpause(), ["CLIENT", "UNPAUSE"]],
    ["memoryDoctor", server.memoryDoctor(), ["MEMORY", "DOCTOR"]],
    ["memoryMallocStats", server.memoryMallocStats(), ["MEMORY", "MALLOC-STATS"]],
    ["memoryPurge", server.memoryPurge(), ["MEMORY", "PURGE"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("cluster variants carry the route and the table's policies", () => {
    expect(server.infoCluster({ route: "allNodes" }).route).toBe("allNodes");
    expect(server.configSetCluster({ a: "b" }, { route: "randomNode" }).route).toBe("randomNode");
    const dbsize = server.dbsizeCluster();
    expect(dbsize.route).toBeUndefined();
    expect(dbsize.spec).toMatchObject({ request: "allShards", response: "aggSum" });
    expect(server.flushallCluster().spec).toMatchObject({
      request: "allShards",
      response: "allSucceeded",
    });
    expect(server.infoCluster().spec.response).toBe("special");
  });
});

describe("server command replies (RESP2 = RESP3)", () => {
  it("info is text (RESP3 verbatim, decoded without its prefix)", () => {
    const text = "# Server\r\nredis_version:7.0.15\r\n";
    expect(parseBoth(server.info(), text, Buffer.from(text))).toEqual({ resp2: text, resp3: text });
  });

  it("configGet: flat RESP2 array and RESP3 map give one object", () => {
    const result = parseBoth(
      server.configGet(["maxmemory", "port"]),
      ["maxmemory", "0", "port", "6379"],
      respMap(["maxmemory", "0"], ["port", "6379"]),
    );
    expect(result.resp2).toEqual({ maxmemory: "0", port: "6379" });
    expect(result.resp3).toEqual(result.resp2);
    expect(parseBoth(server.configGet(["none"]), [], []).resp3).toEqual({});
  });

  it("OK replies", () => {
    for (const cmd of [server.configSet({ a: "b" }), server.flushall(), server.save()]) {
      expect(parseBoth(cmd, "OK", "OK")).toEqual({ resp2: "OK", resp3: "OK" });
    }
    expect(() => parseBoth(server.flushall(), "QUEUED", "QUEUED")).toThrow(/"OK"/);
  });

  it("time gives two strings", () => {
    const result = parseBoth(server.time(), ["1700000000", "123"], ["1700000000", "123"]);
    expect(result).toEqual({ resp2: ["1700000000", "123"], resp3: ["1700000000", "123"] });
  });

  it("dbsize and lastsave give numbers", () => {
    expect(parseBoth(server.dbsize(), 3, 3)).toEqual({ resp2: 3, resp3: 3 });
    expect(parseBoth(server.lastsave(), 1700000000, 1700000000).resp3).toBe(1700000000);
  });

  it("status texts", () => {
    const started = "Background saving started";
    expect(parseBoth(server.bgsave(), started, started).resp3).toBe(started);
    expect(parseBoth(server.lolwut(), "art", Buffer.from("art")).resp3).toBe("art");
  });
});
