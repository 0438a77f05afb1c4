import { describe, expect, it } from "vitest";
import { CommandFlags } from "../command.js";
import { commandInfoByName, commandTable, generatedFrom, lookupCommandInfo } from "./index.js";
import { extractKeys, keyIndexes } from "./key-specs.js";
import { policyByLetter } from "./row-codec.js";
import { glideRoutingOverrides } from "./supplement.js";

function keysOf(args: (string | Buffer | number)[]): (string | Buffer | number)[] {
  const info = lookupCommandInfo(args);
  if (!info) throw new Error(`no info for ${String(args[0])}`);
  return extractKeys(info.keys, args);
}

describe("command table", () => {
  it("records the server it was generated from", () => {
    expect(generatedFrom.server).toMatch(/redis|valkey/);
    expect(generatedFrom.version).toMatch(/^\d+\.\d+/);
  });

  it("has GET as a fast read-only command with one key", () => {
    const get = commandInfoByName("get");
    expect(get?.name).toBe("GET");
    expect(get?.arity).toBe(2);
    expect(get?.flags).toBe(CommandFlags.READONLY | CommandFlags.FAST);
    expect(get?.keys).toEqual({ kind: "range", first: 1, last: 1, step: 1 });
    expect(get?.request).toBe("default");
  });

  it("carries the server's routing tips, camelCased", () => {
    expect(commandInfoByName("DBSIZE")).toMatchObject({ request: "allShards", response: "aggSum" });
    expect(commandInfoByName("MSET")).toMatchObject({
      request: "multiShard",
      response: "allSucceeded",
    });
    expect(commandInfoByName("SCRIPT EXISTS")).toMatchObject({ response: "aggLogicalAnd" });
    expect(commandInfoByName("CONFIG SET")).toMatchObject({ request: "allNodes" });
  });

  it("decodes every routing override to policies", () => {
    for (const [name, letters] of Object.entries(glideRoutingOverrides)) {
      const info = commandInfoByName(name);
      expect(info?.request, name).toBe(policyByLetter[letters.charAt(0)]);
      expect(info?.response, name).toBe(policyByLetter[letters.charAt(1)]);
      expect(info?.request, name).toBeDefined();
      expect(info?.response, name).toBeDefined();
    }
  });

  it("applies GLIDE's routing divergences", () => {
    expect(commandInfoByName("RANDOMKEY")).toMatchObject({ response: "firstNonEmpty" });
    expect(commandInfoByName("CLIENT KILL")).toMatchObject({ request: "default" });
    expect(commandInfoByName("PUBSUB NUMPAT")).toMatchObject({ response: "aggSum" });
    expect(commandInfoByName("PUBSUB NUMSUB")).toMatchObject({ response: "combineMaps" });
    expect(commandInfoByName("WATCH")).toMatchObject({ request: "multiShard" });
    expect(commandInfoByName("KEYS")).toMatchObject({ response: "combineArrays" });
    expect(commandInfoByName("PUBSUB CHANNELS")).toMatchObject({
      request: "allNodes",
      response: "combineArrays",
    });
  });

  it("adds commands newer than the generating server", () => {
    const hexpire = commandInfoByName("HEXPIRE");
    expect(hexpire?.flags).toBe(CommandFlags.WRITE | CommandFlags.FAST);
    expect(hexpire && keyIndexes(hexpire.keys, ["HEXPIRE", "h", 10, "FIELDS", 1, "f"])).toEqual([
      1,
    ]);
    expect(commandInfoByName("WAITAOF")).toMatchObject({
      request: "allShards",
      response: "default",
    });
  });

  it("marks blocking and write commands", () => {
    expect((commandInfoByName("BLPOP")?.flags ?? 0) & CommandFlags.BLOCKING).not.toBe(0);
    expect((commandInfoByName("SET")?.flags ?? 0) & CommandFlags.WRITE).not.toBe(0);
    expect((commandInfoByName("SET")?.flags ?? 0) & CommandFlags.READONLY).toBe(0);
  });

  it("holds subcommands under 'CONTAINER SUB' names", () => {
    const names = [...commandTable().keys()];
    expect(names).toContain("CONFIG GET");
    expect(names).toContain("OBJECT ENCODING");
    expect(names.every((name) => name === name.toUpperCase())).toBe(true);
  });
});

describe("lookupCommandInfo", () => {
  it("resolves subcommands case-insensitively, from strings or Buffers", () => {
    expect(lookupCommandInfo(["config", "get", "maxmemory"])?.name).toBe("CONFIG GET");
    expect(lookupCommandInfo([Buffer.from("Client"), Buffer.from("kill")])?.name).toBe(
      "CLIENT KILL",
    );
  });

  it("does not mistake a key for a subcommand", () => {
    expect(lookupCommandInfo(["GET", "id"])?.name).toBe("GET");
  });

  it("falls back to the container for an unknown subcommand", () => {
    expect(lookupCommandInfo(["CONFIG", "NOPE"])?.name).toBe("CONFIG");
  });

  it("returns undefined for unknown commands and empty lists", () => {
    expect(lookupCommandInfo(["NOSUCHCOMMAND", "x"])).toBeUndefined();
    expect(lookupCommandInfo([])).toBeUndefined();
  });
});

describe("key extraction", () => {
  it("finds EVAL's keys from numkeys", () => {
    expect(keysOf(["EVAL", "return 1", "2", "k1", "k2", "arg"])).toEqual(["k1", "k2"]);
    expect(keysOf(["EVAL", "return 1", 0, "arg"])).toEqual([]);
  });

  it("finds MSET's keys every second argument", () => {
    expect(keysOf(["MSET", "a", "1", "b", "2", "c", "3"])).toEqual(["a", "b", "c"]);
  });

  it("finds MGET's and DEL's keys to the end", () => {
    expect(keysOf(["MGET", "a", "b", "c"])).toEqual(["a", "b", "c"]);
    expect(keysOf(["DEL", "a"])).toEqual(["a"]);
  });

  it("merges adjacent single-key specs into a range (SMOVE, LMOVE)", () => {
    expect(commandInfoByName("SMOVE")?.keys).toEqual({ kind: "range", first: 1, last: 2, step: 1 });
    expect(keysOf(["LMOVE", "src", "dst", "LEFT", "RIGHT"])).toEqual(["src", "dst"]);
  });

  it("finds XREAD's keys after STREAMS, half of the rest", () => {
    expect(keysOf(["XREAD", "COUNT", 2, "STREAMS", "s1", "s2", "0-0", "0-0"])).toEqual([
      "s1",
      "s2",
    ]);
    expect(keysOf(["xreadgroup", "GROUP", "g", "c", "streams", "s1", ">"])).toEqual(["s1"]);
  });

  it("finds SORT's key and STORE destination, not BY/GET patterns", () => {
    expect(keysOf(["SORT", "list", "BY", "w_*", "GET", "#", "STORE", "dst"])).toEqual([
      "list",
      "dst",
    ]);
    expect(keysOf(["SORT", "list", "LIMIT", 0, 5, "ALPHA"])).toEqual(["list"]);
    expect(keysOf(["SORT_RO", "list", "GET", "store"])).toEqual(["list"]);
  });

  it("finds MIGRATE's single key or its KEYS list", () => {
    expect(keysOf(["MIGRATE", "h", 6379, "k", 0, 100])).toEqual(["k"]);
    expect(
      keysOf(["MIGRATE", "h", 6379, "", 0, 100, "COPY", "AUTH", "pw", "KEYS", "a", "b"]),
    ).toEqual(["a", "b"]);
  });

  it("finds no keys for keyless commands and subcommand keys at their index", () => {
    expect(keysOf(["PING"])).toEqual([]);
    expect(keysOf(["OBJECT", "ENCODING", "k"])).toEqual(["k"]);
  });

  it("ignores a malformed numkeys instead of throwing", () => {
    expect(keysOf(["EVAL", "s", "two", "k"])).toEqual([]);
    expect(keysOf(["EVAL", "s", "-1", "k"])).toEqual([]);
  });

  it("stops at the end of a short argument list", () => {
    expect(keysOf(["EVAL", "s", 3, "k1"])).toEqual(["k1"]);
  });
});
