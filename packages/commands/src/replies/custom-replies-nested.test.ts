import { describe, expect, it } from "vitest";
import { glideCustomReply } from "./custom-replies.js";

// GLIDE's core conversions for nested and module replies (its value conversion by command
// name), RESP2 and RESP3 forms reaching one shape. The live comparison with GLIDE 2.5.2 is
// packages/petrel/test/glide-fidelity-replies.test.ts; the module commands (FT.*, JSON.*)
// cannot run on redis-server, so their shapes are checked here only.
describe("customCommand's nested conversions", () => {
  it("FUNCTION LIST: libraries and functions become maps; RESP3 stays as it is", () => {
    const resp2 = [
      [
        "library_name",
        "lib",
        "engine",
        "LUA",
        "functions",
        [["name", "f", "flags", ["no-writes"]]],
      ],
    ];
    const shaped = [
      [
        { key: "library_name", value: "lib" },
        { key: "engine", value: "LUA" },
        {
          key: "functions",
          value: [
            [
              { key: "name", value: "f" },
              { key: "flags", value: ["no-writes"] },
            ],
          ],
        },
      ],
    ];
    expect(glideCustomReply(resp2, ["FUNCTION", "LIST"])).toEqual(shaped);
    expect(glideCustomReply(shaped, ["function", "list"])).toBe(shaped);
    expect(glideCustomReply([], ["FUNCTION", "LIST"])).toEqual([]);
  });

  it("FUNCTION STATS: running script and engines as maps", () => {
    const resp2 = ["running_script", null, "engines", ["LUA", ["libraries_count", 1]]];
    expect(glideCustomReply(resp2, ["FUNCTION", "STATS"])).toEqual([
      { key: "running_script", value: null },
      { key: "engines", value: [{ key: "LUA", value: [{ key: "libraries_count", value: 1 }] }] },
    ]);
  });

  it("LOLWUT: colour escapes become shades, text without them stays", () => {
    const drawn =
      "\u001b[0;97;107m \u001b[0m-\u001b[0;37;47m \u001b[0m-\u001b[0;90;100m \u001b[0m-\u001b[0;30;40m \u001b[0m";
    expect(glideCustomReply(drawn, ["LOLWUT"])).toBe("░-▒-▓- ");
    expect(glideCustomReply(Buffer.from(drawn), ["LOLWUT"])).toEqual(Buffer.from("░-▒-▓- "));
    expect(glideCustomReply("plain", ["LOLWUT"])).toBe("plain");
  });

  it("GEOSEARCH WITH…: [name, [dist, hash, [lon, lat]]] with numbers", () => {
    const reply = [["Catania", "56.4413", 3479447370796909, ["15.08", "37.50"]]];
    expect(
      glideCustomReply(reply, ["GEOSEARCH", "k", "WITHDIST", "WITHHASH", "WITHCOORD"]),
    ).toEqual([["Catania", [56.4413, 3479447370796909, [15.08, 37.5]]]]);
    expect(glideCustomReply(["Catania"], ["GEOSEARCH", "k", "FROMLONLAT", "1", "2"])).toEqual([
      "Catania",
    ]);
  });

  it("XAUTOCLAIM: entries as a map (deleted ones dropped), JUSTID as it is", () => {
    const reply = ["0-0", [["1-0", ["f", "v"]], null], ["2-0"]];
    expect(glideCustomReply(reply, ["XAUTOCLAIM", "s", "g", "c", "0", "0"])).toEqual([
      "0-0",
      [{ key: "1-0", value: [["f", "v"]] }],
      ["2-0"],
    ]);
    const ids = ["0-0", ["1-0"], []];
    expect(glideCustomReply(ids, ["XAUTOCLAIM", "s", "g", "c", "0", "0", "JUSTID"])).toBe(ids);
  });

  it("XINFO STREAM FULL: the stream, its groups and consumers as maps; entries as sent", () => {
    const resp2 = [
      "length",
      1,
      "entries",
      [["1-0", ["f", "v"]]],
      "groups",
      [["name", "g", "consumers", [["name", "alice", "pending", []]]]],
    ];
    expect(glideCustomReply(resp2, ["XINFO", "STREAM", "s", "FULL"])).toEqual([
      { key: "length", value: 1 },
      { key: "entries", value: [["1-0", ["f", "v"]]] },
      {
        key: "groups",
        value: [
          [
            { key: "name", value: "g" },
            {
              key: "consumers",
              value: [
                [
                  { key: "name", value: "alice" },
                  { key: "pending", value: [] },
                ],
              ],
            },
          ],
        ],
      },
    ]);
  });

  it("MEMORY STATS and CLIENT TRACKINGINFO: maps, RESP2 figures as numbers", () => {
    expect(
      glideCustomReply(["peak", 1, "ratio", "1.5", "db.0", ["keys", 2]], ["MEMORY", "STATS"]),
    ).toEqual([
      { key: "peak", value: 1 },
      { key: "ratio", value: 1.5 },
      { key: "db.0", value: [{ key: "keys", value: 2 }] },
    ]);
    expect(
      glideCustomReply(["flags", ["off"], "redirect", -1], ["CLIENT", "TRACKINGINFO"]),
    ).toEqual([
      { key: "flags", value: ["off"] },
      { key: "redirect", value: -1 },
    ]);
  });

  it("a reply of a call routed to several nodes is converted only where GLIDE converts per node", () => {
    const hello = ["server", "redis", "proto", 2];
    expect(glideCustomReply(hello, ["HELLO"], true)).toBe(hello);
    expect(glideCustomReply(1, ["EXPIRE", "k", "1"], true)).toBe(1);
    expect(glideCustomReply(["maxmemory", "0"], ["CONFIG", "GET", "maxmemory"], true)).toEqual([
      { key: "maxmemory", value: "0" },
    ]);
  });
});

describe("customCommand's module conversions", () => {
  it("FT.SEARCH: [count, { key: { field: value } }], NOCONTENT keys to empty maps", () => {
    expect(
      glideCustomReply([2, "a", ["f", "1"], "b", ["f", "2"]], ["FT.SEARCH", "i", "*"]),
    ).toEqual([
      2,
      [
        { key: "a", value: [{ key: "f", value: "1" }] },
        { key: "b", value: [{ key: "f", value: "2" }] },
      ],
    ]);
    expect(glideCustomReply([2, "a", "b"], ["FT.SEARCH", "i", "*", "NOCONTENT"])).toEqual([
      2,
      [
        { key: "a", value: [] },
        { key: "b", value: [] },
      ],
    ]);
    expect(glideCustomReply([0], ["FT.SEARCH", "i", "*"])).toEqual([0]);
  });

  it("FT.SEARCH WITHSORTKEYS: each key to [sort key, fields]", () => {
    expect(
      glideCustomReply([1, "a", "s", ["f", "1"]], ["FT.SEARCH", "i", "*", "WITHSORTKEYS"]),
    ).toEqual([1, [{ key: "a", value: ["s", [{ key: "f", value: "1" }]] }]]);
    expect(
      glideCustomReply([1, "a", null], ["FT.SEARCH", "i", "*", "WITHSORTKEYS", "NOCONTENT"]),
    ).toEqual([1, [{ key: "a", value: [null, []] }]]);
  });

  it("FT.AGGREGATE, FT.PROFILE and FT.INFO", () => {
    expect(glideCustomReply([1, ["c", "new"]], ["FT.AGGREGATE", "i", "*"])).toEqual([
      [{ key: "c", value: "new" }],
    ]);
    expect(
      glideCustomReply(
        [[1, "a", ["f", "1"]], [["parse.time", "2"]]],
        ["FT.PROFILE", "i", "SEARCH", "QUERY", "*"],
      ),
    ).toEqual([
      [1, [{ key: "a", value: [{ key: "f", value: "1" }] }]],
      [{ key: "parse.time", value: 2 }],
    ]);
    expect(
      glideCustomReply(
        ["index_name", "i", "fields", [["identifier", "v", "vector_params", ["dimension", 2]]]],
        ["FT.INFO", "i"],
      ),
    ).toEqual([
      { key: "index_name", value: "i" },
      {
        key: "fields",
        value: [
          [
            { key: "identifier", value: "v" },
            { key: "vector_params", value: [{ key: "dimension", value: 2 }] },
          ],
        ],
      },
    ]);
  });

  it("JSON.TOGGLE: booleans", () => {
    expect(glideCustomReply([1, 0, null], ["JSON.TOGGLE", "k", "$..a"])).toEqual([
      true,
      false,
      null,
    ]);
    expect(glideCustomReply("true", ["JSON.TOGGLE", "k", ".a"])).toBe(true);
    expect(glideCustomReply("false", ["JSON.TOGGLE", "k", ".a"])).toBe(false);
  });
});
