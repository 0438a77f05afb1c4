// JsonBatch: the command each helper queues (against the argument lists of the
// valkey-json documentation), that it is GlideJson's very Command, and that the
// helpers take GLIDE's JsonBatch argument lists.

import { type Command, CommandFlags, ConditionalChange } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import type { JsonBatch as GlideJsonBatch } from "@valkey/valkey-glide";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { RefusedStatics } from "../../test/helpers/glide-types.js";
import { GlideJson } from "./glide-json.js";
import { JsonBatch, type JsonBatchTarget } from "./json-batch.js";
import { RecordedClient } from "./test-support/recorded-client.js";

/** The shape of @petrel/batch's Batch that JsonBatch relies on. */
class QueueBatch implements JsonBatchTarget {
  readonly isAtomic = false;
  readonly commands: Command<unknown>[] = [];
  addCommand(command: Command<unknown>): this {
    this.commands.push(command);
    return this;
  }
}

type Case = readonly [
  name: string,
  queue: (batch: QueueBatch) => QueueBatch,
  send: (client: RecordedClient) => Promise<unknown>,
  args: readonly unknown[],
];

const CASES: readonly Case[] = [
  [
    "set",
    (b) => JsonBatch.set(b, "k", "$", '{"a":1}'),
    (c) => GlideJson.set(c, "k", "$", '{"a":1}'),
    ["JSON.SET", "k", "$", '{"a":1}'],
  ],
  [
    "set XX",
    (b) =>
      JsonBatch.set(b, "k", "$.a", "2", { conditionalChange: ConditionalChange.ONLY_IF_EXISTS }),
    (c) =>
      GlideJson.set(c, "k", "$.a", "2", { conditionalChange: ConditionalChange.ONLY_IF_EXISTS }),
    ["JSON.SET", "k", "$.a", "2", "XX"],
  ],
  ["get", (b) => JsonBatch.get(b, "k"), (c) => GlideJson.get(c, "k"), ["JSON.GET", "k"]],
  [
    "get formatted, several paths",
    (b) => JsonBatch.get(b, "k", { path: ["$.a", "$.b"], indent: "\t", newline: "\n", space: " " }),
    (c) => GlideJson.get(c, "k", { path: ["$.a", "$.b"], indent: "\t", newline: "\n", space: " " }),
    ["JSON.GET", "k", "INDENT", "\t", "NEWLINE", "\n", "SPACE", " ", "$.a", "$.b"],
  ],
  [
    "get noescape, one path",
    (b) => JsonBatch.get(b, "k", { path: "$", noescape: true }),
    (c) => GlideJson.get(c, "k", { path: "$", noescape: true }),
    ["JSON.GET", "k", "NOESCAPE", "$"],
  ],
  [
    "mget",
    (b) => JsonBatch.mget(b, ["a", "b"], "$.x"),
    (c) => GlideJson.mget(c, ["a", "b"], "$.x"),
    ["JSON.MGET", "a", "b", "$.x"],
  ],
  [
    "arrinsert",
    (b) => JsonBatch.arrinsert(b, "k", "$", 0, ['"x"', "1"]),
    (c) => GlideJson.arrinsert(c, "k", "$", 0, ['"x"', "1"]),
    ["JSON.ARRINSERT", "k", "$", 0, '"x"', "1"],
  ],
  [
    "arrpop",
    (b) => JsonBatch.arrpop(b, "k"),
    (c) => GlideJson.arrpop(c, "k"),
    ["JSON.ARRPOP", "k"],
  ],
  [
    "arrpop path",
    (b) => JsonBatch.arrpop(b, "k", { path: "$.a" }),
    (c) => GlideJson.arrpop(c, "k", { path: "$.a" }),
    ["JSON.ARRPOP", "k", "$.a"],
  ],
  [
    "arrpop index",
    (b) => JsonBatch.arrpop(b, "k", { path: "$", index: -1 }),
    (c) => GlideJson.arrpop(c, "k", { path: "$", index: -1 }),
    ["JSON.ARRPOP", "k", "$", -1],
  ],
  [
    "arrlen",
    (b) => JsonBatch.arrlen(b, "k", { path: "$.a" }),
    (c) => GlideJson.arrlen(c, "k", { path: "$.a" }),
    ["JSON.ARRLEN", "k", "$.a"],
  ],
  [
    "arrlen no path",
    (b) => JsonBatch.arrlen(b, "k"),
    (c) => GlideJson.arrlen(c, "k"),
    ["JSON.ARRLEN", "k"],
  ],
  [
    "arrtrim",
    (b) => JsonBatch.arrtrim(b, "k", "$", 1, -1),
    (c) => GlideJson.arrtrim(c, "k", "$", 1, -1),
    ["JSON.ARRTRIM", "k", "$", 1, -1],
  ],
  [
    "arrindex range",
    (b) => JsonBatch.arrindex(b, "k", "$", 5, { start: 0, end: 2 }),
    (c) => GlideJson.arrindex(c, "k", "$", 5, { start: 0, end: 2 }),
    ["JSON.ARRINDEX", "k", "$", "5", 0, 2],
  ],
  [
    "arrindex start only, boolean",
    (b) => JsonBatch.arrindex(b, "k", "$", true, { start: 1 }),
    (c) => GlideJson.arrindex(c, "k", "$", true, { start: 1 }),
    ["JSON.ARRINDEX", "k", "$", "true", 1],
  ],
  [
    "arrindex null",
    (b) => JsonBatch.arrindex(b, "k", "$", null),
    (c) => GlideJson.arrindex(c, "k", "$", null),
    ["JSON.ARRINDEX", "k", "$", "null"],
  ],
  [
    "arrindex JSON string",
    (b) => JsonBatch.arrindex(b, "k", "$", '"s"'),
    (c) => GlideJson.arrindex(c, "k", "$", '"s"'),
    ["JSON.ARRINDEX", "k", "$", '"s"'],
  ],
  [
    "toggle",
    (b) => JsonBatch.toggle(b, "k", { path: "$.b" }),
    (c) => GlideJson.toggle(c, "k", { path: "$.b" }),
    ["JSON.TOGGLE", "k", "$.b"],
  ],
  ["del", (b) => JsonBatch.del(b, "k"), (c) => GlideJson.del(c, "k"), ["JSON.DEL", "k"]],
  [
    "del path",
    (b) => JsonBatch.del(b, "k", { path: "$.a" }),
    (c) => GlideJson.del(c, "k", { path: "$.a" }),
    ["JSON.DEL", "k", "$.a"],
  ],
  [
    "forget",
    (b) => JsonBatch.forget(b, "k", { path: "$.a" }),
    (c) => GlideJson.forget(c, "k", { path: "$.a" }),
    ["JSON.FORGET", "k", "$.a"],
  ],
  ["type", (b) => JsonBatch.type(b, "k"), (c) => GlideJson.type(c, "k"), ["JSON.TYPE", "k"]],
  [
    "clear",
    (b) => JsonBatch.clear(b, "k", { path: "$" }),
    (c) => GlideJson.clear(c, "k", { path: "$" }),
    ["JSON.CLEAR", "k", "$"],
  ],
  [
    "resp",
    (b) => JsonBatch.resp(b, "k", { path: "$.a" }),
    (c) => GlideJson.resp(c, "k", { path: "$.a" }),
    ["JSON.RESP", "k", "$.a"],
  ],
  [
    "strlen",
    (b) => JsonBatch.strlen(b, "k", { path: "$.s" }),
    (c) => GlideJson.strlen(c, "k", { path: "$.s" }),
    ["JSON.STRLEN", "k", "$.s"],
  ],
  [
    "strappend",
    (b) => JsonBatch.strappend(b, "k", '"x"', { path: "$.s" }),
    (c) => GlideJson.strappend(c, "k", '"x"', { path: "$.s" }),
    ["JSON.STRAPPEND", "k", "$.s", '"x"'],
  ],
  [
    "strappend no path",
    (b) => JsonBatch.strappend(b, "k", '"x"'),
    (c) => GlideJson.strappend(c, "k", '"x"'),
    ["JSON.STRAPPEND", "k", '"x"'],
  ],
  [
    "arrappend",
    (b) => JsonBatch.arrappend(b, "k", "$", ["1", "2"]),
    (c) => GlideJson.arrappend(c, "k", "$", ["1", "2"]),
    ["JSON.ARRAPPEND", "k", "$", "1", "2"],
  ],
  [
    "debugMemory",
    (b) => JsonBatch.debugMemory(b, "k"),
    (c) => GlideJson.debugMemory(c, "k"),
    ["JSON.DEBUG", "MEMORY", "k"],
  ],
  [
    "debugFields",
    (b) => JsonBatch.debugFields(b, "k", { path: "$" }),
    (c) => GlideJson.debugFields(c, "k", { path: "$" }),
    ["JSON.DEBUG", "FIELDS", "k", "$"],
  ],
  [
    "numincrby",
    (b) => JsonBatch.numincrby(b, "k", "$.n", 2),
    (c) => GlideJson.numincrby(c, "k", "$.n", 2),
    ["JSON.NUMINCRBY", "k", "$.n", 2],
  ],
  [
    "nummultby",
    (b) => JsonBatch.nummultby(b, "k", "$.n", 1.5),
    (c) => GlideJson.nummultby(c, "k", "$.n", 1.5),
    ["JSON.NUMMULTBY", "k", "$.n", 1.5],
  ],
  [
    "objlen",
    (b) => JsonBatch.objlen(b, "k"),
    (c) => GlideJson.objlen(c, "k"),
    ["JSON.OBJLEN", "k"],
  ],
  [
    "objkeys",
    (b) => JsonBatch.objkeys(b, "k", { path: "$" }),
    (c) => GlideJson.objkeys(c, "k", { path: "$" }),
    ["JSON.OBJKEYS", "k", "$"],
  ],
];

describe("JsonBatch queues the documented command", () => {
  it.each(CASES)("%s", async (_name, queue, send, args) => {
    const batch = new QueueBatch();
    expect(queue(batch)).toBe(batch);
    expect(batch.commands.map((command) => command.args)).toEqual([args]);

    // GlideJson builds the same Command from the same definition.
    const client = new RecordedClient(3, ["OK"]);
    await send(client);
    const [sent] = client.commands;
    const [queued] = batch.commands;
    expect(queued?.spec).toBe(sent?.spec);
    expect(queued?.args).toEqual(sent?.args);
    expect(queued?.decoder).toBeUndefined();
  });

  it("covers every JsonBatch helper", () => {
    const helpers = Object.getOwnPropertyNames(JsonBatch).filter(
      (name) => typeof (JsonBatch as unknown as Record<string, unknown>)[name] === "function",
    );
    const covered = new Set(CASES.map(([name]) => name.split(" ")[0]));
    expect([...covered].sort()).toEqual([...helpers].sort());
    const glideJsonHelpers = Object.getOwnPropertyNames(GlideJson).filter(
      (name) => typeof (GlideJson as unknown as Record<string, unknown>)[name] === "function",
    );
    expect(helpers.sort()).toEqual(glideJsonHelpers.sort());
    expect(helpers).toHaveLength(23);
  });

  it("chains, keeps order, and marks reads, writes and key positions for routing", () => {
    const batch = new QueueBatch();
    JsonBatch.get(JsonBatch.set(batch, "k", "$", "1"), "k");
    JsonBatch.mget(JsonBatch.debugMemory(batch, "k"), ["a", "b"], "$");
    const [set, get, debug, mget] = batch.commands;
    expect(batch.commands.map((command) => command.spec.name)).toEqual([
      "JSON.SET",
      "JSON.GET",
      "JSON.DEBUG",
      "JSON.MGET",
    ]);
    expect((set?.spec.flags ?? 0) & CommandFlags.WRITE).toBeTruthy();
    expect((get?.spec.flags ?? 0) & CommandFlags.READONLY).toBeTruthy();
    expect(debug?.spec.keys).toEqual({ kind: "range", first: 2, last: 2, step: 1 });
    expect(mget?.spec.keys).toEqual({ kind: "range", first: 1, last: -2, step: 1 });
  });

  it("throws RequestError when the first argument is not a batch", () => {
    for (const notABatch of [null, undefined, {}, "batch", { addCommand: 1 }]) {
      expect(() => JsonBatch.get(notABatch as unknown as QueueBatch, "k")).toThrow(RequestError);
    }
    expect(() => JsonBatch.del(null as unknown as QueueBatch, "k")).toThrow(
      /must be a Batch or ClusterBatch/,
    );
  });
});

describe("JsonBatch's GLIDE signatures", () => {
  it("has GLIDE's helpers, taking GLIDE's argument lists and returning the batch", () => {
    expectTypeOf<
      Exclude<keyof typeof GlideJsonBatch, keyof typeof JsonBatch>
    >().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<keyof typeof JsonBatch, keyof typeof GlideJsonBatch>
    >().toEqualTypeOf<never>();
    expectTypeOf<RefusedStatics<typeof GlideJsonBatch, typeof JsonBatch>>().toEqualTypeOf<never>();
    expectTypeOf(JsonBatch.set(new QueueBatch(), "k", "$", "1")).toEqualTypeOf<QueueBatch>();
  });
});
