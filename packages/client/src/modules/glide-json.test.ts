// GlideJson's argument lists and reply shaping, against replies recorded from
// valkey-json on RESP2 and RESP3 connections (no module server runs here).
import { CommandFlags, ConditionalChange } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { GlideJson } from "./glide-json.js";
import { RecordedClient } from "./test-support/recorded-client.js";

describe("GlideJson argument lists", () => {
  it.each([
    [
      "set",
      (c: RecordedClient) => GlideJson.set(c, "k", "$", '{"a":1}'),
      ["JSON.SET", "k", "$", '{"a":1}'],
    ],
    [
      "set NX",
      (c: RecordedClient) =>
        GlideJson.set(c, "k", "$.a", "2", {
          conditionalChange: ConditionalChange.ONLY_IF_DOES_NOT_EXIST,
        }),
      ["JSON.SET", "k", "$.a", "2", "NX"],
    ],
    ["get", (c: RecordedClient) => GlideJson.get(c, "k"), ["JSON.GET", "k"]],
    [
      "get formatted, several paths",
      (c: RecordedClient) =>
        GlideJson.get(c, "k", {
          path: ["$.a", "$.b"],
          indent: "  ",
          newline: "\n",
          space: " ",
          noescape: true,
        }),
      ["JSON.GET", "k", "INDENT", "  ", "NEWLINE", "\n", "SPACE", " ", "NOESCAPE", "$.a", "$.b"],
    ],
    [
      "mget",
      (c: RecordedClient) => GlideJson.mget(c, ["a", "b"], "$.x"),
      ["JSON.MGET", "a", "b", "$.x"],
    ],
    [
      "arrinsert",
      (c: RecordedClient) => GlideJson.arrinsert(c, "k", "$", 0, ['"x"', "1"]),
      ["JSON.ARRINSERT", "k", "$", 0, '"x"', "1"],
    ],
    ["arrpop", (c: RecordedClient) => GlideJson.arrpop(c, "k"), ["JSON.ARRPOP", "k"]],
    [
      "arrpop index",
      (c: RecordedClient) => GlideJson.arrpop(c, "k", { path: "$", index: -1 }),
      ["JSON.ARRPOP", "k", "$", -1],
    ],
    [
      "arrlen",
      (c: RecordedClient) => GlideJson.arrlen(c, "k", { path: "$.a" }),
      ["JSON.ARRLEN", "k", "$.a"],
    ],
    [
      "arrtrim",
      (c: RecordedClient) => GlideJson.arrtrim(c, "k", "$", 1, 3),
      ["JSON.ARRTRIM", "k", "$", 1, 3],
    ],
    [
      "arrindex",
      (c: RecordedClient) => GlideJson.arrindex(c, "k", "$", 5, { start: 0, end: 2 }),
      ["JSON.ARRINDEX", "k", "$", "5", 0, 2],
    ],
    [
      "arrindex null",
      (c: RecordedClient) => GlideJson.arrindex(c, "k", "$", null),
      ["JSON.ARRINDEX", "k", "$", "null"],
    ],
    [
      "arrindex string",
      (c: RecordedClient) => GlideJson.arrindex(c, "k", "$", '"s"'),
      ["JSON.ARRINDEX", "k", "$", '"s"'],
    ],
    [
      "arrappend",
      (c: RecordedClient) => GlideJson.arrappend(c, "k", "$", ["1", "2"]),
      ["JSON.ARRAPPEND", "k", "$", "1", "2"],
    ],
    [
      "toggle",
      (c: RecordedClient) => GlideJson.toggle(c, "k", { path: "$.b" }),
      ["JSON.TOGGLE", "k", "$.b"],
    ],
    ["del", (c: RecordedClient) => GlideJson.del(c, "k"), ["JSON.DEL", "k"]],
    [
      "forget",
      (c: RecordedClient) => GlideJson.forget(c, "k", { path: "$.a" }),
      ["JSON.FORGET", "k", "$.a"],
    ],
    ["type", (c: RecordedClient) => GlideJson.type(c, "k"), ["JSON.TYPE", "k"]],
    [
      "clear",
      (c: RecordedClient) => GlideJson.clear(c, "k", { path: "$" }),
      ["JSON.CLEAR", "k", "$"],
    ],
    ["resp", (c: RecordedClient) => GlideJson.resp(c, "k"), ["JSON.RESP", "k"]],
    [
      "strlen",
      (c: RecordedClient) => GlideJson.strlen(c, "k", { path: "$.s" }),
      ["JSON.STRLEN", "k", "$.s"],
    ],
    [
      "strappend",
      (c: RecordedClient) => GlideJson.strappend(c, "k", '"x"', { path: "$.s" }),
      ["JSON.STRAPPEND", "k", "$.s", '"x"'],
    ],
    [
      "debugMemory",
      (c: RecordedClient) => GlideJson.debugMemory(c, "k"),
      ["JSON.DEBUG", "MEMORY", "k"],
    ],
    [
      "debugFields",
      (c: RecordedClient) => GlideJson.debugFields(c, "k", { path: "$" }),
      ["JSON.DEBUG", "FIELDS", "k", "$"],
    ],
    [
      "numincrby",
      (c: RecordedClient) => GlideJson.numincrby(c, "k", "$.n", 2),
      ["JSON.NUMINCRBY", "k", "$.n", 2],
    ],
    [
      "nummultby",
      (c: RecordedClient) => GlideJson.nummultby(c, "k", "$.n", 1.5),
      ["JSON.NUMMULTBY", "k", "$.n", 1.5],
    ],
    ["objlen", (c: RecordedClient) => GlideJson.objlen(c, "k"), ["JSON.OBJLEN", "k"]],
    [
      "objkeys",
      (c: RecordedClient) => GlideJson.objkeys(c, "k", { path: "$" }),
      ["JSON.OBJKEYS", "k", "$"],
    ],
  ] as const)("%s", async (_name, call, args) => {
    const client = new RecordedClient(3, ["OK"]);
    await call(client);
    expect(client.sent).toEqual([args]);
  });

  it("marks writes and reads, and the key position for cluster routing", async () => {
    const client = new RecordedClient(3, ["OK", null, 1]);
    await GlideJson.set(client, "k", "$", "1");
    await GlideJson.get(client, "k");
    await GlideJson.debugMemory(client, "k");
    const [set, get, debug] = client.commands;
    expect((set?.spec.flags ?? 0) & CommandFlags.WRITE).toBeTruthy();
    expect((get?.spec.flags ?? 0) & CommandFlags.READONLY).toBeTruthy();
    expect(set?.spec.keys).toEqual({ kind: "range", first: 1, last: 1, step: 1 });
    expect(debug?.spec.keys).toEqual({ kind: "range", first: 2, last: 2, step: 1 });
    expect(set?.spec.glideName).toBe("JsonSet");
  });
});

describe.each([2, 3] as const)("GlideJson replies over RESP%s", (resp) => {
  it("returns JSON text, numbers, nulls and JSONPath arrays as recorded", async () => {
    const client = new RecordedClient(resp, [
      "OK",
      null,
      '[{"a":1,"b":[1,2]}]',
      ["[1]", null],
      [2, null],
      "3",
      ["object"],
      ["{", ["a", 1], ["b", ["[", 1, 2]]],
      [["a", "b"]],
    ]);
    expect(await GlideJson.set(client, "k", "$", '{"a":1,"b":[1,2]}')).toBe("OK");
    expect(
      await GlideJson.set(client, "k", "$", "1", {
        conditionalChange: ConditionalChange.ONLY_IF_DOES_NOT_EXIST,
      }),
    ).toBeNull();
    expect(await GlideJson.get(client, "k", { path: "$" })).toBe('[{"a":1,"b":[1,2]}]');
    expect(await GlideJson.mget(client, ["k", "missing"], "$.b")).toEqual(["[1]", null]);
    expect(await GlideJson.arrlen(client, "k", { path: "$..b" })).toEqual([2, null]);
    expect(await GlideJson.numincrby(client, "k", "$.a", 2)).toBe("3");
    expect(await GlideJson.type(client, "k", { path: "$" })).toEqual(["object"]);
    expect(await GlideJson.resp(client, "k")).toEqual(["{", ["a", 1], ["b", ["[", 1, 2]]]);
    expect(await GlideJson.objkeys(client, "k", { path: "$" })).toEqual([["a", "b"]]);
  });

  it("turns toggle's RESP2 integers and RESP3 booleans into booleans", async () => {
    const replies = resp === 3 ? [[true, false, null], false] : [[1, 0, null], 0];
    const client = new RecordedClient(resp, replies);
    expect(await GlideJson.toggle(client, "k", { path: "$..flag" })).toEqual([true, false, null]);
    expect(await GlideJson.toggle(client, "k", { path: ".flag" })).toBe(false);
  });
});

describe("GlideJson input errors", () => {
  it("rejects a missing client and passes server errors through", async () => {
    await expect(GlideJson.get(null as unknown as RecordedClient, "k")).rejects.toBeInstanceOf(
      RequestError,
    );
    const client = new RecordedClient(3, [new RequestError("ERR unknown command 'JSON.GET'")]);
    await expect(GlideJson.get(client, "k")).rejects.toThrow(/unknown command/);
  });
});
