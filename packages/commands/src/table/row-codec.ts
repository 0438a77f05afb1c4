// The compact text form of a command-table row, and its decoder. The generated
// table and the supplement are written in it so that the table costs a few KB in
// a bundle rather than ~50 KB of object literals; rows are decoded on demand.
//
// A row is `NAME ARITY FLAGS KEYS POLICIES`, fields separated by one space,
// "-" for an empty field, trailing empty fields left out:
//   NAME      upper case. "CONTAINER|SUB" names a subcommand (the server's own
//             notation); "|SUB" is a subcommand of the nearest row above without "|".
//   ARITY     the server's arity (negative: at least that many).
//   FLAGS     one letter per flag: r READONLY, w WRITE, b BLOCKING, a ADMIN, p PUBSUB,
//             m NO_MULTI, s NOSCRIPT, l LOADING, t STALE, f FAST, y MAY_REPLICATE,
//             n NONDETERMINISTIC_OUTPUT.
//   KEYS      key specs, comma-separated, each BEGIN or BEGIN:FIND.
//             BEGIN: N (begin_search index N), WORD@N (keyword WORD from N), ? (unknown).
//             FIND:  L[/S[/M]] (range: lastkey L, keystep S = 1, limit M = 0),
//                    #I/F/S (keynum: keynumidx I, firstkey F, keystep S), ? (unknown);
//                    left out, it is 0 (one key: lastkey 0, keystep 1, limit 0).
//   POLICIES  two letters, the request_policy tip's then the response_policy tip's:
//             d default, n allNodes, s allShards, m multiShard, x special;
//             o oneSucceeded, a allSucceeded, & aggLogicalAnd, | aggLogicalOr,
//             < aggMin, > aggMax, + aggSum; GLIDE's [ combineArrays, { combineMaps,
//             ! firstNonEmpty. ("s+" is allShards/aggSum.)
// Example: "BITOP -4 w 2,3:-1" is BITOP, arity -4, WRITE, destination key at 2, source keys 3..end.
import { CommandFlags, type RequestPolicy, type ResponsePolicy } from "../command.js";
import type { BeginSearch, FindKeys, ServerKeySpec, TableEntry } from "./table-entry.js";

/** Flag bits by the letter's char code: decoding walks the letters without substrings. */
const flagByCharCode: readonly number[] = (() => {
  const letters: Readonly<Record<string, number>> = {
    r: CommandFlags.READONLY,
    w: CommandFlags.WRITE,
    b: CommandFlags.BLOCKING,
    a: CommandFlags.ADMIN,
    p: CommandFlags.PUBSUB,
    m: CommandFlags.NO_MULTI,
    s: CommandFlags.NOSCRIPT,
    l: CommandFlags.LOADING,
    t: CommandFlags.STALE,
    f: CommandFlags.FAST,
    y: CommandFlags.MAY_REPLICATE,
    n: CommandFlags.NONDETERMINISTIC_OUTPUT,
  };
  const table: number[] = new Array(128).fill(0);
  for (const [letter, bit] of Object.entries(letters)) table[letter.charCodeAt(0)] = bit;
  return table;
})();

const empty = "-";

/** The POLICIES letters (one letter per policy, as the response letters differ from the request ones). */
export const policyByLetter: Readonly<Record<string, RequestPolicy | ResponsePolicy>> = {
  d: "default",
  n: "allNodes",
  s: "allShards",
  m: "multiShard",
  x: "special",
  o: "oneSucceeded",
  a: "allSucceeded",
  "&": "aggLogicalAnd",
  "|": "aggLogicalOr",
  "<": "aggMin",
  ">": "aggMax",
  "+": "aggSum",
  // GLIDE's own response rules, used by supplement.ts's routing overrides.
  "[": "combineArrays",
  "{": "combineMaps",
  "!": "firstNonEmpty",
};

/** A request policy's letter in POLICIES. */
export type RequestLetter = "d" | "n" | "s" | "m" | "x";
/** A response policy's letter in POLICIES. */
export type ResponseLetter = "d" | "x" | "o" | "a" | "&" | "|" | "<" | ">" | "+" | "[" | "{" | "!";

/**
 * Adds each row (one a line of `rows`) to `into` under its full upper-case name ("CONFIG GET"), leaving
 * names already there alone (so the generated table wins over the supplement).
 * Only the names are read here; `decodeRow` reads the rest when a row is needed.
 */
export const indexRows = (rows: string, into: Map<string, string>): void => {
  let container = "";
  for (const row of rows.split("\n")) {
    const token = row.slice(0, row.indexOf(" "));
    let name: string;
    if (token.startsWith("|")) name = `${container} ${token.slice(1)}`;
    else {
      name = token.replace("|", " ");
      if (!token.includes("|")) container = token;
    }
    if (!into.has(name)) into.set(name, row);
  }
};

const noKeys: readonly ServerKeySpec[] = Object.freeze([]);

/** The table entry a row describes; `name` is the full name `indexRows` gave it. */
export const decodeRow = (name: string, row: string): TableEntry => {
  // Runs once per defined command at import, in cold code: String#split costs more
  // there than walking the row with indexOf, so the fields are found by hand.
  const arityStart = row.indexOf(" ") + 1;
  const flagsStart = fieldEnd(row, arityStart) + 1;
  const keysStart = fieldEnd(row, flagsStart) + 1;
  const policiesStart = fieldEnd(row, keysStart) + 1;
  const keys = row.slice(keysStart, policiesStart - 1);
  let request = "default";
  let response = "default";
  if (policiesStart < row.length) {
    request = policyByLetter[row.charAt(policiesStart)] ?? "?";
    response = policyByLetter[row.charAt(policiesStart + 1)] ?? "?";
  }
  return {
    name,
    arity: Number(row.slice(arityStart, flagsStart - 1)),
    flags: decodeFlags(row, flagsStart, keysStart - 1),
    keys: keys === "" || keys === empty ? noKeys : decodeKeys(keys),
    request: request as RequestPolicy,
    response: response as ResponsePolicy,
  };
};

/** Where the field starting at `start` ends (the next space, or the row's end). */
const fieldEnd = (row: string, start: number): number => {
  if (start > row.length) return row.length;
  const space = row.indexOf(" ", start);
  return space < 0 ? row.length : space;
};

const decodeFlags = (row: string, start: number, end: number): number => {
  let flags = 0;
  for (let i = start; i < end; i++) flags |= flagByCharCode[row.charCodeAt(i)] ?? 0;
  return flags;
};

const decodeKeys = (text: string): readonly ServerKeySpec[] => {
  // The common case, one key at a fixed index ("1"), without splitting.
  const index = Number(text);
  if (Number.isInteger(index)) return [{ begin: { index }, find: oneKey() }];
  return text.split(",").map(decodeKeySpec);
};

const oneKey = (): FindKeys => ({ lastKey: 0, keyStep: 1, limit: 0 });

const decodeKeySpec = (text: string): ServerKeySpec => {
  const colon = text.indexOf(":");
  if (colon < 0) return { begin: decodeBegin(text), find: oneKey() };
  return { begin: decodeBegin(text.slice(0, colon)), find: decodeFind(text.slice(colon + 1)) };
};

const decodeBegin = (text: string): BeginSearch => {
  if (text === "?") return "unknown";
  const at = text.indexOf("@");
  if (at < 0) return { index: Number(text) };
  return { keyword: text.slice(0, at), startFrom: Number(text.slice(at + 1)) };
};

const decodeFind = (text: string): FindKeys => {
  if (text === "?") return "unknown";
  const keynum = text.startsWith("#");
  const [first = 0, second = 1, third = 0] = (keynum ? text.slice(1) : text).split("/").map(Number);
  return keynum
    ? { keyNumIndex: first, firstKey: second, keyStep: third }
    : { lastKey: first, keyStep: second, limit: third };
};
