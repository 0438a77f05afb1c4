// The command table: generated server metadata + hand-written supplement,
// as CommandInfo objects keyed by upper-case name ("GET", "CONFIG GET").
// Rows stay compact text until asked for: importing the definitions decodes only
// the few hundred rows they name, one at a time, and the router the ones it meets.
import type {
  CommandArg,
  CommandInfo,
  KeySpec,
  RequestPolicy,
  ResponsePolicy,
} from "../command.js";
import { generatedCommands, generatedFrom } from "./command-table.generated.js";
import { toKeySpec } from "./key-specs.js";
import { decodeRow, indexRows, policyByLetter } from "./row-codec.js";
import { customKeyFinders, glideRoutingOverrides, newerCommands } from "./supplement.js";
import type { TableEntry } from "./table-entry.js";

export { generatedFrom };

const keySpecOf = (entry: TableEntry): KeySpec => {
  const finder = customKeyFinders[entry.name];
  if (finder) return { kind: "custom", find: finder };
  // An "unknown" spec without a hand-written finder: route by the keys we can see.
  return toKeySpec(entry.keys) ?? toKeySpec(entry.keys.filter(isKnown)) ?? { kind: "none" };
};

const isKnown = (spec: TableEntry["keys"][number]): boolean =>
  spec.begin !== "unknown" && spec.find !== "unknown";

const toInfo = (entry: TableEntry): CommandInfo => {
  const override = glideRoutingOverrides[entry.name];
  return Object.freeze({
    name: entry.name,
    arity: entry.arity,
    flags: entry.flags,
    keys: keySpecOf(entry),
    request: override ? (policyByLetter[override.charAt(0)] as RequestPolicy) : entry.request,
    response: override ? (policyByLetter[override.charAt(1)] as ResponsePolicy) : entry.response,
  });
};

let rows: Map<string, string> | undefined;
const decoded = new Map<string, CommandInfo>();
let table: Map<string, CommandInfo> | undefined;

/** Row text by full name; the generated rows win over the supplement's. */
const rowsByName = (): Map<string, string> => {
  if (!rows) {
    rows = new Map();
    indexRows(generatedCommands, rows);
    indexRows(newerCommands, rows);
  }
  return rows;
};

/** The info for an exact upper-case name, decoded once and then shared. */
const infoOf = (name: string): CommandInfo | undefined => {
  const cached = decoded.get(name);
  if (cached) return cached;
  const row = rowsByName().get(name);
  if (row === undefined) return undefined;
  const info = toInfo(decodeRow(name, row));
  decoded.set(name, info);
  return info;
};

/** Every known command and subcommand (decodes the whole table on first use). */
export const commandTable = (): ReadonlyMap<string, CommandInfo> => {
  if (!table) {
    const all = new Map<string, CommandInfo>();
    for (const name of rowsByName().keys()) {
      const info = infoOf(name);
      if (info) all.set(name, info);
    }
    table = all;
  }
  return table;
};

/** Whether the table has an exact upper-case name, without decoding its row. */
export const hasCommand = (name: string): boolean => rowsByName().has(name);

/** The info for an exact upper-case name ("GET", "CONFIG GET"). */
export const commandInfoByName = (name: string): CommandInfo | undefined =>
  infoOf(name.toUpperCase());

const token = (arg: CommandArg | undefined): string | undefined => {
  if (arg === undefined) return undefined;
  if (typeof arg === "number") return String(arg);
  return (typeof arg === "string" ? arg : arg.toString("latin1")).toUpperCase();
};

/**
 * The info for an argument list, resolving subcommands ("config", "get" → "CONFIG GET")
 * case-insensitively. A container whose subcommand is unknown resolves to the container.
 */
export const lookupCommandInfo = (args: readonly CommandArg[]): CommandInfo | undefined => {
  const name = token(args[0]);
  if (name === undefined) return undefined;
  const second = token(args[1]);
  if (second !== undefined) {
    const sub = infoOf(`${name} ${second}`);
    if (sub) return sub;
  }
  return infoOf(name);
};
