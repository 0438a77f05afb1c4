// GlideFt's argument lists and reply shaping, against replies recorded from
// valkey-search on RESP2 and RESP3 connections (no module server runs here).
import { type RespValue, SortOrder } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { GlideFt } from "./glide-ft.js";
import { RecordedClient, respMap } from "./test-support/recorded-client.js";

async function argsOf(call: (client: RecordedClient) => Promise<unknown>, reply: unknown = "OK") {
  const client = new RecordedClient(3, [reply as string]);
  await call(client);
  return client.sent[0];
}

describe("GlideFt argument lists", () => {
  it("create: options, then the schema of every field type", async () => {
    const args = await argsOf((c) =>
      GlideFt.create(
        c,
        "idx",
        [
          {
            type: "TEXT",
            name: "title",
            alias: "t",
            nostem: true,
            weight: 2,
            withsuffixtrie: true,
            sortable: true,
          },
          { type: "TAG", name: "tags", separator: "|", caseSensitive: true },
          { type: "NUMERIC", name: "price", sortable: true },
          {
            type: "VECTOR",
            name: "vec",
            attributes: {
              algorithm: "HNSW",
              dimensions: 2,
              distanceMetric: "L2",
              numberOfEdges: 16,
              vectorsExaminedOnConstruction: 200,
              vectorsExaminedOnRuntime: 10,
            },
          },
          {
            type: "VECTOR",
            name: "flat",
            attributes: {
              algorithm: "FLAT",
              dimensions: 4,
              distanceMetric: "COSINE",
              initialCap: 100,
            },
          },
        ],
        {
          dataType: "HASH",
          prefixes: ["doc:", "item:"],
          score: 1,
          language: "english",
          skipInitialScan: true,
          minStemSize: 3,
          noOffsets: true,
          stopWords: ["a", "the"],
          punctuation: ",",
        },
      ),
    );
    expect(args).toEqual([
      "FT.CREATE",
      "idx",
      "ON",
      "HASH",
      "PREFIX",
      2,
      "doc:",
      "item:",
      "SCORE",
      1,
      "LANGUAGE",
      "english",
      "SKIPINITIALSCAN",
      "MINSTEMSIZE",
      3,
      "NOOFFSETS",
      "STOPWORDS",
      2,
      "a",
      "the",
      "PUNCTUATION",
      ",",
      "SCHEMA",
      "title",
      "AS",
      "t",
      "TEXT",
      "NOSTEM",
      "WEIGHT",
      2,
      "WITHSUFFIXTRIE",
      "SORTABLE",
      "tags",
      "TAG",
      "SEPARATOR",
      "|",
      "CASESENSITIVE",
      "price",
      "NUMERIC",
      "SORTABLE",
      "vec",
      "VECTOR",
      "HNSW",
      12,
      "DIM",
      2,
      "DISTANCE_METRIC",
      "L2",
      "TYPE",
      "FLOAT32",
      "M",
      16,
      "EF_CONSTRUCTION",
      200,
      "EF_RUNTIME",
      10,
      "flat",
      "VECTOR",
      "FLAT",
      8,
      "DIM",
      4,
      "DISTANCE_METRIC",
      "COSINE",
      "TYPE",
      "FLOAT32",
      "INITIAL_CAP",
      100,
    ]);
  });

  it("search options in the module's order", async () => {
    const args = await argsOf(
      (c) =>
        GlideFt.search(c, "idx", "@price:[0 10]", {
          shardScope: "ALLSHARDS",
          consistency: "CONSISTENT",
          nocontent: true,
          verbatim: true,
          inorder: true,
          slop: 1,
          returnFields: [{ fieldIdentifier: "title", alias: "t" }, { fieldIdentifier: "price" }],
          sortby: "price",
          sortbyOrder: SortOrder.DESC,
          withsortkeys: true,
          timeout: 100,
          params: [{ key: "x", value: "1" }],
          limit: { offset: 0, count: 5 },
          dialect: 2,
        }),
      [0],
    );
    expect(args).toEqual([
      "FT.SEARCH",
      "idx",
      "@price:[0 10]",
      "ALLSHARDS",
      "CONSISTENT",
      "NOCONTENT",
      "VERBATIM",
      "INORDER",
      "SLOP",
      1,
      "RETURN",
      4,
      "title",
      "AS",
      "t",
      "price",
      "SORTBY",
      "price",
      "DESC",
      "WITHSORTKEYS",
      "TIMEOUT",
      100,
      "PARAMS",
      2,
      "x",
      "1",
      "LIMIT",
      0,
      5,
      "DIALECT",
      2,
    ]);
  });

  it("aggregate clauses", async () => {
    const args = await argsOf(
      (c) =>
        GlideFt.aggregate(c, "idx", "*", {
          verbatim: true,
          loadFields: ["a", "b"],
          timeout: 50,
          clauses: [
            { type: "FILTER", expression: "@a > 1" },
            {
              type: "GROUPBY",
              properties: ["@a"],
              reducers: [{ function: "COUNT", args: [], name: "n" }],
            },
            { type: "SORTBY", properties: [{ property: "@n", order: SortOrder.ASC }], max: 3 },
            { type: "APPLY", expression: "@n * 2", name: "double" },
            { type: "LIMIT", offset: 0, count: 10 },
          ],
          dialect: 2,
        }),
      [0],
    );
    expect(args).toEqual([
      "FT.AGGREGATE",
      "idx",
      "*",
      "VERBATIM",
      "LOAD",
      2,
      "a",
      "b",
      "TIMEOUT",
      50,
      "FILTER",
      "@a > 1",
      "GROUPBY",
      1,
      "@a",
      "REDUCE",
      "COUNT",
      0,
      "AS",
      "n",
      "SORTBY",
      2,
      "@n",
      "ASC",
      "MAX",
      3,
      "APPLY",
      "@n * 2",
      "AS",
      "double",
      "LIMIT",
      0,
      10,
      "DIALECT",
      2,
    ]);
    expect(await argsOf((c) => GlideFt.aggregate(c, "idx", "*", { loadAll: true }), [0])).toEqual([
      "FT.AGGREGATE",
      "idx",
      "*",
      "LOAD",
      "*",
    ]);
  });

  it("the other commands", async () => {
    expect(await argsOf((c) => GlideFt.dropindex(c, "idx"))).toEqual(["FT.DROPINDEX", "idx"]);
    expect(await argsOf((c) => GlideFt.list(c), [])).toEqual(["FT._LIST"]);
    expect(await argsOf((c) => GlideFt.info(c, "idx", { scope: "LOCAL" }), [])).toEqual([
      "FT.INFO",
      "idx",
      "LOCAL",
    ]);
    expect(await argsOf((c) => GlideFt.explain(c, "idx", "q"), "plan")).toEqual([
      "FT.EXPLAIN",
      "idx",
      "q",
    ]);
    expect(await argsOf((c) => GlideFt.explaincli(c, "idx", "q"), [])).toEqual([
      "FT.EXPLAINCLI",
      "idx",
      "q",
    ]);
    expect(await argsOf((c) => GlideFt.aliasadd(c, "idx", "al"))).toEqual([
      "FT.ALIASADD",
      "al",
      "idx",
    ]);
    expect(await argsOf((c) => GlideFt.aliasupdate(c, "al", "idx"))).toEqual([
      "FT.ALIASUPDATE",
      "al",
      "idx",
    ]);
    expect(await argsOf((c) => GlideFt.aliasdel(c, "al"))).toEqual(["FT.ALIASDEL", "al"]);
    expect(await argsOf((c) => GlideFt.aliaslist(c), [])).toEqual(["FT._ALIASLIST"]);
    expect(
      await argsOf(
        (c) => GlideFt.profileSearch(c, "idx", "q", { limited: true, nocontent: true }),
        [[0], []],
      ),
    ).toEqual(["FT.PROFILE", "idx", "SEARCH", "LIMITED", "QUERY", "q", "NOCONTENT"]);
    expect(await argsOf((c) => GlideFt.profileAggregate(c, "idx", "q"), [[0], []])).toEqual([
      "FT.PROFILE",
      "idx",
      "AGGREGATE",
      "QUERY",
      "q",
    ]);
  });

  it("rejects contradictory options before sending", async () => {
    const client = new RecordedClient(3, []);
    await expect(GlideFt.create(client, "i", [])).rejects.toBeInstanceOf(RequestError);
    await expect(
      GlideFt.create(client, "i", [{ type: "NUMERIC", name: "n" }], {
        dataType: "HASH",
        withOffsets: true,
        noOffsets: true,
      }),
    ).rejects.toThrow(/exclude/);
    await expect(GlideFt.search(client, "i", "q", { sortbyOrder: SortOrder.ASC })).rejects.toThrow(
      /needs sortby/,
    );
    expect(client.sent).toEqual([]);
  });
});

describe.each([2, 3] as const)("GlideFt replies over RESP%s", (resp) => {
  const map = (...pairs: [string, RespValue][]): RespValue =>
    resp === 3 ? respMap(...pairs) : pairs.flat();

  it("search: documents as GlideRecords, with and without content", async () => {
    const client = new RecordedClient(resp, [
      [2, "doc:1", map(["title", "a"], ["price", "5"]), "doc:2", map(["title", "b"])],
      [2, "doc:1", "doc:2"],
    ]);
    expect(await GlideFt.search(client, "idx", "*")).toEqual([
      2,
      [
        {
          key: "doc:1",
          value: [
            { key: "title", value: "a" },
            { key: "price", value: "5" },
          ],
        },
        { key: "doc:2", value: [{ key: "title", value: "b" }] },
      ],
    ]);
    expect(await GlideFt.search(client, "idx", "*", { nocontent: true })).toEqual([
      2,
      [
        { key: "doc:1", value: [] },
        { key: "doc:2", value: [] },
      ],
    ]);
  });

  it("aggregate rows, info, aliases, lists and profiles", async () => {
    const client = new RecordedClient(resp, [
      [2, map(["@a", "1"], ["n", "3"]), map(["@a", "2"], ["n", "1"])],
      map(
        ["index_name", "idx"],
        ["num_docs", 2],
        ["attributes", [map(["identifier", "title"], ["type", "TEXT"])]],
      ),
      map(["al", "idx"]),
      ["idx", "other"],
      [[1, "doc:1", map(["f", "v"])], map(["parsing", 1], ["total", 2])],
      "OK",
    ]);
    expect(await GlideFt.aggregate(client, "idx", "*")).toEqual([
      [
        { key: "@a", value: "1" },
        { key: "n", value: "3" },
      ],
      [
        { key: "@a", value: "2" },
        { key: "n", value: "1" },
      ],
    ]);
    const info = await GlideFt.info(client, "idx");
    expect(info.index_name).toBe("idx");
    expect(info.num_docs).toBe(2);
    expect(await GlideFt.aliaslist(client)).toEqual([{ key: "al", value: "idx" }]);
    expect(await GlideFt.list(client)).toEqual(["idx", "other"]);
    expect(await GlideFt.profileSearch(client, "idx", "*")).toEqual([
      [1, [{ key: "doc:1", value: [{ key: "f", value: "v" }] }]],
      { parsing: 1, total: 2 },
    ]);
    expect(await GlideFt.dropindex(client, "idx")).toBe("OK");
  });

  it("rejects replies of the wrong shape", async () => {
    const client = new RecordedClient(resp, ["nope", ["odd"]]);
    await expect(GlideFt.search(client, "idx", "*")).rejects.toThrow(/Unexpected reply/);
    await expect(GlideFt.aliaslist(client)).rejects.toThrow(/Unexpected reply/);
  });
});
