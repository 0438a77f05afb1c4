// SWAPDB: two databases trade their contents (refused in cluster mode).

import { arg } from "../../data/command.js";
import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { error, OK } from "../frames.js";

/** A C int, or undefined (getIntFromObjectOrReply's refusal). */
function intIndex(raw: Buffer): number | undefined {
  const value = parseInt64(raw);
  if (value === undefined || value < -(2n ** 31n) || value >= 2n ** 31n) return undefined;
  return Number(value);
}

export const swapdbCommand: CommandDef = {
  name: "swapdb",
  arity: 3,
  flags: ["write", "fast"],
  group: "server",
  run(session, args) {
    const node = session.node;
    if (node.cluster !== undefined) return error("ERR SWAPDB is not allowed in cluster mode");
    const a = intIndex(arg(args, 1));
    if (a === undefined) return error("ERR invalid first DB index");
    const b = intIndex(arg(args, 2));
    if (b === undefined) return error("ERR invalid second DB index");
    const count = node.databases.length;
    if (a < 0 || a >= count || b < 0 || b >= count) return error("ERR DB index is out of range");
    node.swapDatabases(a, b);
    return OK;
  },
};
