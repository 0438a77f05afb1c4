// The shape every CLIENT subcommand shares, for the files that define them.

import type { CommandDef } from "../command-table.js";

/** A `client|<name>` subcommand in the connection group. */
export function clientSubcommand(
  name: string,
  arity: number,
  run: CommandDef["run"],
  flags: CommandDef["flags"] = [],
): CommandDef {
  return { name: `client|${name}`, arity, flags, group: "connection", run };
}

/** An argument as latin1 text ("" when absent). */
export const latin1 = (value: Buffer | undefined): string =>
  (value ?? Buffer.alloc(0)).toString("latin1");
