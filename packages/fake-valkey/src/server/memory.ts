// maxmemory as far as the fake models it. The fake keeps no byte count of its
// data: its used memory is a fresh server's (about 1 MB), so a maxmemory below
// that puts it out of memory, and it evicts nothing to get back under. Out of
// memory, the server refuses commands that may grow the dataset (deny-oom),
// every command queued in MULTI, and scripts that do not declare allow-oom.

import type { CommandDef } from "./command-table.js";
import { hasFlag } from "./command-table.js";
import type { FakeNode } from "./node.js";
import type { Session } from "./session.js";

/** The server's reply to a command refused out of memory. */
export const OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";

/** What the fake counts as its used memory: a fresh server's. */
export const USED_MEMORY = 1_048_576;

/** True when maxmemory is set below the memory the node uses. */
export function overMaxmemory(node: FakeNode): boolean {
  const limit = node.config.getNumber("maxmemory");
  return limit > 0 && USED_MEMORY > limit;
}

/** Commands still served in MULTI when out of memory. */
const ALWAYS_IN_MULTI = new Set(["exec", "discard", "quit", "reset"]);

/**
 * Whether a command is refused when out of memory: deny-oom commands (for
 * scripts, as their declared flags say), anything queued in MULTI, and EXEC
 * of a transaction holding a deny-oom command.
 */
export function refusedOutOfMemory(
  session: Session,
  def: CommandDef,
  args: Buffer[],
  scriptDeniesOom: (session: Session, def: CommandDef, args: Buffer[]) => boolean,
): boolean {
  const denies = (command: CommandDef, commandArgs: Buffer[]) =>
    hasFlag(command, "denyoom") || scriptDeniesOom(session, command, commandArgs);
  if (def.name === "exec")
    return (session.transaction?.queue ?? []).some((queued) => denies(queued.def, queued.args));
  if (session.transaction !== undefined && !ALWAYS_IN_MULTI.has(def.name)) return true;
  return denies(def, args);
}
