// COMMAND GETKEYS and GETKEYSANDFLAGS: the keys a full command line names,
// with the access flags of the key spec each one comes from.

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../../data/command.js";
import type { CommandDef } from "../command-table.js";
import { arityOk, keysOf } from "../command-table.js";
import { lookupCommand } from "../dispatch.js";
import { array, bulk, error, simple } from "../frames.js";
import type { Session } from "../session.js";
import { KEY_SPEC_FLAGS } from "./key-spec-flags.js";

/** The command COMMAND GETKEYS* names and its keys, or the server's error. */
export function commandLineKeys(
  session: Session,
  args: Buffer[],
): { readonly def: CommandDef; readonly keys: Buffer[] } | ReplyFrame {
  const line = args.slice(2);
  const target = lookupCommand(session.node.commands, line);
  if ("error" in target) return error("ERR Invalid command specified");
  if (target.def.keys === undefined) return error("ERR The command has no key arguments");
  if (!arityOk(target.def.arity, line.length))
    return error("ERR Invalid number of arguments specified for command");
  const keys = keysOf(target.def, line);
  if (keys.length === 0) return error("ERR The command has no key arguments");
  return { def: target.def, keys };
}

/**
 * The spec a key comes from. Keys follow the specs in order, the last spec
 * taking the rest; SORT's second key is its STORE destination, and MIGRATE's
 * keys come from its KEYS spec when the single-key argument is empty.
 */
function specOf(def: CommandDef, line: readonly Buffer[], index: number, specs: number): number {
  if (def.name === "sort" || def.name === "sort_ro") return index === 0 ? 0 : specs - 1;
  if (def.name === "migrate" && arg(line as Buffer[], 3).length === 0) return 1;
  return Math.min(index, specs - 1);
}

/** SET and BITFIELD declare `variable_flags`: the server works them out from the arguments. */
function variableFlags(def: CommandDef, line: readonly Buffer[]): string | undefined {
  const words = line.slice(2).map((word) => word.toString("latin1").toUpperCase());
  if (def.name === "set") return words.includes("GET") ? "RW access update" : "OW update";
  if (def.name === "bitfield")
    return words.some((word) => word === "SET" || word === "INCRBY")
      ? "RW access update"
      : "RO access";
  return undefined;
}

const getkeysandflags: CommandDef = {
  name: "command|getkeysandflags",
  arity: -4,
  flags: [],
  group: "server",
  run(session, args) {
    const found = commandLineKeys(session, args);
    if (!("def" in found)) return found;
    const specs = KEY_SPEC_FLAGS[found.def.name] ?? [];
    const line = args.slice(2);
    return array(
      found.keys.map((key, index) => {
        const flags = (
          variableFlags(found.def, line) ??
          specs[specOf(found.def, line, index, specs.length)] ??
          ""
        )
          .split(" ")
          .filter((flag) => flag !== "" && flag !== "incomplete")
          .map((flag) => simple(flag));
        return array([
          bulk(key),
          session.resp === 3 ? { type: "set", value: flags } : array(flags),
        ]);
      }),
    );
  },
};

export const commandKeysSubcommands: readonly CommandDef[] = [getkeysandflags];
