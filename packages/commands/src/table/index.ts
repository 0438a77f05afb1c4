// The command table: generated server metadata + hand-written supplement,
// as CommandInfo objects keyed by upper-case name ("GET", "CONFIG GET").
import type { CommandArg, CommandInfo, KeySpec } from "../command.js";
import { generatedCommands, generatedFrom } from "./command-table.generated.js";
import { toKeySpec } from "./key-specs.js";
import { customKeyFinders, glideRoutingOverrides, newerCommands } from "./supplement.js";
import type { TableEntry } from "./table-entry.js";

export { generatedFrom };

function keySpecOf(entry: TableEntry): KeySpec {
  const finder = customKeyFinders[entry.name];
  if (finder) return { kind: "custom", find: finder };
  // An "unknown" spec without a hand-written finder: route by the keys we can see.
  return toKeySpec(entry.keys) ?? toKeySpec(entry.keys.filter(isKnown)) ?? { kind: "none" };
}

function isKnown(spec: TableEntry["keys"][number]): boolean {
  return spec.begin !== "unknown" && spec.find !== "unknown";
}

function toInfo(entry: TableEntry): CommandInfo {
  const override = glideRoutingOverrides[entry.name];
  return Object.freeze({
    name: entry.name,
    arity: entry.arity,
    flags: override?.flags ?? entry.flags,
    keys: keySpecOf(entry),
    request: override?.request ?? entry.request,
    response: override?.response ?? entry.response,
  });
}

let table: Map<string, CommandInfo> | undefined;

/** Every known command and subcommand, built on first use. */
export function commandTable(): ReadonlyMap<string, CommandInfo> {
  if (!table) {
    table = new Map();
    for (const entry of generatedCommands) table.set(entry.name, toInfo(entry));
    for (const entry of newerCommands) {
      if (!table.has(entry.name)) table.set(entry.name, toInfo(entry));
    }
  }
  return table;
}

/** The info for an exact upper-case name ("GET", "CONFIG GET"). */
export function commandInfoByName(name: string): CommandInfo | undefined {
  return commandTable().get(name.toUpperCase());
}

function token(arg: CommandArg | undefined): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === "number") return String(arg);
  return (typeof arg === "string" ? arg : arg.toString("latin1")).toUpperCase();
}

/**
 * The info for an argument list, resolving subcommands ("config", "get" → "CONFIG GET")
 * case-insensitively. A container whose subcommand is unknown resolves to the container.
 */
export function lookupCommandInfo(args: readonly CommandArg[]): CommandInfo | undefined {
  const name = token(args[0]);
  if (name === undefined) return undefined;
  const second = token(args[1]);
  if (second !== undefined) {
    const sub = commandTable().get(`${name} ${second}`);
    if (sub) return sub;
  }
  return commandTable().get(name);
}
