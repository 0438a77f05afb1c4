import { describe, expect, it } from "vitest";
import { CommandFlags as F } from "../command.js";
import { generatedCommands } from "./command-table.generated.js";
import { commandInfoByName } from "./index.js";
import { decodeRow, indexRows, policyByLetter } from "./row-codec.js";
import { newerCommands } from "./supplement.js";
import type { TableEntry } from "./table-entry.js";

const rows = new Map<string, string>();
indexRows(generatedCommands, rows);
indexRows(newerCommands, rows);

function entry(name: string): TableEntry {
  const row = rows.get(name);
  if (row === undefined) throw new Error(`${name} is not in the table`);
  return decodeRow(name, row);
}

const oneKeyAt = (index: number) => ({
  begin: { index },
  find: { lastKey: 0, keyStep: 1, limit: 0 },
});

describe("row codec on the committed table", () => {
  it("decodes keyword begin-searches, with positive and negative start", () => {
    expect(entry("GEORADIUS")).toEqual({
      name: "GEORADIUS",
      arity: -6,
      flags: F.WRITE,
      keys: [
        oneKeyAt(1),
        { begin: { keyword: "STORE", startFrom: 6 }, find: { lastKey: 0, keyStep: 1, limit: 0 } },
        {
          begin: { keyword: "STOREDIST", startFrom: 6 },
          find: { lastKey: 0, keyStep: 1, limit: 0 },
        },
      ],
      request: "default",
      response: "default",
    });
    expect(entry("MIGRATE").keys).toEqual([
      oneKeyAt(3),
      { begin: { keyword: "KEYS", startFrom: -2 }, find: { lastKey: -1, keyStep: 1, limit: 0 } },
    ]);
    expect(entry("MIGRATE").flags).toBe(F.WRITE | F.NONDETERMINISTIC_OUTPUT);
    expect(entry("XREAD").keys).toEqual([
      { begin: { keyword: "STREAMS", startFrom: 1 }, find: { lastKey: -1, keyStep: 1, limit: 2 } },
    ]);
  });

  it("decodes keynum specs and ranges with a step", () => {
    expect(entry("EVAL").keys).toEqual([
      { begin: { index: 2 }, find: { keyNumIndex: 0, firstKey: 1, keyStep: 1 } },
    ]);
    expect(entry("ZUNIONSTORE").keys).toEqual([
      oneKeyAt(1),
      { begin: { index: 2 }, find: { keyNumIndex: 0, firstKey: 1, keyStep: 1 } },
    ]);
    expect(entry("MSET")).toEqual({
      name: "MSET",
      arity: -3,
      flags: F.WRITE,
      keys: [{ begin: { index: 1 }, find: { lastKey: -1, keyStep: 2, limit: 0 } }],
      request: "multiShard",
      response: "allSucceeded",
    });
  });

  it("decodes unknown specs", () => {
    expect(entry("SORT").keys).toEqual([
      oneKeyAt(1),
      { begin: "unknown", find: "unknown" },
      { begin: "unknown", find: "unknown" },
    ]);
  });

  it("names subcommands after the container row above them", () => {
    expect(entry("CLIENT KILL")).toEqual({
      name: "CLIENT KILL",
      arity: -3,
      flags: F.ADMIN | F.NOSCRIPT | F.LOADING | F.STALE,
      keys: [],
      request: "default",
      response: "default",
    });
    // Two containers with a LOAD subcommand each: each gets its own.
    expect(entry("SCRIPT LOAD")).toMatchObject({
      arity: 3,
      flags: F.NOSCRIPT | F.STALE,
      request: "allNodes",
      response: "allSucceeded",
    });
    expect(entry("FUNCTION LOAD")).toMatchObject({
      arity: -3,
      flags: F.WRITE | F.NOSCRIPT,
      request: "allShards",
      response: "allSucceeded",
    });
    expect(entry("SCRIPT EXISTS")).toMatchObject({ response: "aggLogicalAnd" });
    expect(rows.has("|LOAD")).toBe(false);
  });

  it("reads the supplement's CONTAINER|SUB names and empty middle fields", () => {
    expect(entry("CLIENT SETINFO")).toEqual({
      name: "CLIENT SETINFO",
      arity: 4,
      flags: F.NOSCRIPT | F.LOADING | F.STALE,
      keys: [],
      request: "allNodes",
      response: "allSucceeded",
    });
    expect(entry("HTTL").keys).toEqual([oneKeyAt(1)]);
  });

  it("gives the router the same compact key specs as the decoded rows say", () => {
    expect(commandInfoByName("GEORADIUS")?.keys.kind).toBe("custom");
    expect(commandInfoByName("EVAL")?.keys).toEqual({
      kind: "keynum",
      numkeysIndex: 2,
      firstKeyOffset: 1,
      step: 1,
    });
    expect(commandInfoByName("MSET")?.keys).toEqual({ kind: "range", first: 1, last: -1, step: 2 });
    expect(commandInfoByName("CLIENT KILL")?.keys).toEqual({ kind: "none" });
  });
});

describe("every row", () => {
  const flagLetters = "rwbapmsltfyn";
  const requests = ["default", "allNodes", "allShards", "multiShard", "special"];
  const responses = [
    "default",
    "oneSucceeded",
    "allSucceeded",
    "aggLogicalAnd",
    "aggLogicalOr",
    "aggMin",
    "aggMax",
    "aggSum",
    "special",
  ];

  it("uses only known flag letters and policies, and integer numbers", () => {
    expect(rows.size).toBe(generatedCommands.split("\n").length + newerCommands.split("\n").length);
    for (const [name, row] of rows) {
      const [, arity, flags = "-", , policies = "-"] = row.split(" ");
      expect(Number.isInteger(Number(arity)) && Number(arity) !== 0, `${name} arity`).toBe(true);
      if (flags !== "-") {
        expect(
          [...flags].every((letter) => flagLetters.includes(letter)),
          name,
        ).toBe(true);
      }
      const decoded = decodeRow(name, row);
      expect(requests, name).toContain(decoded.request);
      expect(responses, name).toContain(decoded.response);
      if (policies !== "-") {
        expect(policies, name).toHaveLength(2);
        expect(policyByLetter[policies.charAt(0)], name).toBe(decoded.request);
        expect(policyByLetter[policies.charAt(1)], name).toBe(decoded.response);
      }
      for (const spec of decoded.keys) {
        const numbers = [
          ...(spec.begin === "unknown" ? [] : Object.values(spec.begin)),
          ...(spec.find === "unknown" ? [] : Object.values(spec.find)),
        ].filter((value) => typeof value === "number");
        expect(numbers.every(Number.isInteger), `${name} key spec`).toBe(true);
      }
    }
  });

  it("has a row for every name the generated rows hold, generated rows first", () => {
    const names = [...rows.keys()];
    expect(names.slice(0, 3)).toEqual(["ACL", "ACL CAT", "ACL DELUSER"]);
    expect(names).toContain("CONFIG GET");
    expect(names.at(-1)).toBe("HPEXPIRETIME");
  });
});
