// CONTAINER HELP for every container command, and a way to add subcommands
// to a container built elsewhere, so the table stays one place to look.

import type { CommandDef } from "../command-table.js";
import { array, error, simple } from "../frames.js";
import { HELP_TEXTS } from "./help-texts.js";

const CLUSTER_DISABLED = "ERR This instance has cluster support disabled";

function helpSubcommand(container: string, lines: readonly string[]): CommandDef {
  const reply = array(lines.map(simple));
  return {
    name: `${container}|help`,
    arity: 2,
    flags: [],
    group: "server",
    run(session) {
      // CLUSTER refuses every subcommand, HELP included, on a standalone server.
      if (container === "cluster" && session.node.cluster === undefined)
        return error(CLUSTER_DISABLED);
      return reply;
    },
  };
}

/**
 * A container with `extra` subcommands and HELP added (when redis-server 7.0
 * has a HELP text for it and the container has none yet).
 */
export function extendContainer(def: CommandDef, extra: readonly CommandDef[] = []): CommandDef {
  if (def.subcommands === undefined) return def;
  const subcommands = new Map(def.subcommands);
  for (const sub of extra) subcommands.set(sub.name.slice(def.name.length + 1), sub);
  const lines = HELP_TEXTS[def.name];
  if (lines !== undefined && !subcommands.has("help"))
    subcommands.set("help", helpSubcommand(def.name, lines));
  return { ...def, subcommands };
}
