// The commands ACL rules name: every command and subcommand of the node's
// table with its ACL categories (redis-server 7.0's, from the generated
// table; a command 7.0 lacks gets them from its flags, as the server derives
// the implicit ones).

import type { CommandDef } from "../command-table.js";
import { knownCategories } from "./key-specs.js";

/** The categories in the server's order (ACL CAT). */
export const ACL_CATEGORIES = [
  "keyspace",
  "read",
  "write",
  "set",
  "sortedset",
  "list",
  "hash",
  "string",
  "bitmap",
  "hyperloglog",
  "geo",
  "stream",
  "pubsub",
  "admin",
  "fast",
  "slow",
  "blocking",
  "dangerous",
  "connection",
  "transaction",
  "scripting",
] as const;

export interface AclCommand {
  /** Lower case; `container|sub` for a subcommand. */
  readonly name: string;
  readonly categories: ReadonlySet<string>;
  readonly parent: AclCommand | undefined;
  /** Names of the subcommands (empty for a plain command). */
  readonly subcommands: readonly AclCommand[];
  readonly noAuth: boolean;
}

function derivedCategories(def: CommandDef): string[] {
  const out: string[] = [];
  if (def.flags.includes("write")) out.push("write");
  if (def.flags.includes("readonly")) out.push("read");
  out.push(def.flags.includes("fast") ? "fast" : "slow");
  if (def.flags.includes("blocking")) out.push("blocking");
  return out;
}

function describe(def: CommandDef, parent: AclCommand | undefined): AclCommand {
  const subcommands: AclCommand[] = [];
  const command: AclCommand = {
    name: def.name,
    categories: new Set(knownCategories(def.name) ?? derivedCategories(def)),
    parent,
    subcommands,
    noAuth: def.flags.includes("noauth"),
  };
  for (const sub of def.subcommands?.values() ?? []) subcommands.push(describe(sub, command));
  return command;
}

/** Every command ACL rules can name, looked up the server's way (`name` or `name|sub`). */
export class AclCommandIndex {
  private readonly byName = new Map<string, AclCommand>();
  /** Commands and subcommands, each once. */
  readonly all: readonly AclCommand[];

  constructor(commands: ReadonlyMap<string, CommandDef>) {
    const all: AclCommand[] = [];
    for (const def of commands.values()) {
      const command = describe(def, undefined);
      this.byName.set(command.name, command);
      all.push(command, ...command.subcommands);
      for (const sub of command.subcommands) this.byName.set(sub.name, sub);
    }
    this.all = all;
  }

  /** `get`, or `config|get`; undefined for an unknown name or more than one `|`. */
  lookup(name: string): AclCommand | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Full names of the commands and subcommands in a category. */
  inCategory(category: string): AclCommand[] {
    return this.all.filter((command) => command.categories.has(category));
  }
}

export function isCategory(name: string): boolean {
  return (ACL_CATEGORIES as readonly string[]).includes(name.toLowerCase());
}
