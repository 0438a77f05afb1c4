// Scripts and maxmemory: a script or function that declares flags is deny-oom
// unless it declares allow-oom or no-writes (the server turns its flags into
// the command's); one without flags (plain EVAL) runs, and its first write
// is refused instead when the node was out of memory as it started.

import { arg } from "../data/command.js";
import type { CommandDef } from "../server/command-table.js";
import type { Session } from "../server/session.js";
import { scriptFlags } from "./arguments.js";
import { scriptEngine } from "./engine.js";

/** The flags of the script or function a scripting command runs, if it declares any. */
export function declaredScriptFlags(
  session: Session,
  def: CommandDef,
  args: Buffer[],
): readonly string[] | undefined {
  const name = def.name;
  if (name === "fcall" || name === "fcall_ro") {
    const info = scriptEngine(session.node).libraries.functions.get(
      arg(args, 1).toString("latin1"),
    );
    return info?.flags;
  }
  if (name !== "eval" && name !== "eval_ro" && name !== "evalsha" && name !== "evalsha_ro")
    return undefined;
  const body =
    name === "eval" || name === "eval_ro"
      ? arg(args, 1)
      : scriptEngine(session.node).scripts.get(arg(args, 1).toString("latin1").toLowerCase());
  if (body === undefined) return undefined;
  const parsed = scriptFlags(body);
  return "flags" in parsed && parsed.declared ? parsed.flags : undefined;
}

/** Whether EVAL/EVALSHA/FCALL (and their _RO forms) are deny-oom for these arguments. */
export function scriptDeniesOom(session: Session, def: CommandDef, args: Buffer[]): boolean {
  if (def.group !== "scripting" || args.length < 2) return false;
  const flags = declaredScriptFlags(session, def, args);
  return flags !== undefined && !flags.includes("allow-oom") && !flags.includes("no-writes");
}
