// Arguments of EVAL and FCALL: `numkeys key… arg…`, and the flags a script
// declares in its `#!lua flags=…` first line.

import { arg, numKeysPositions } from "../data/command.js";
import { parseInt64 } from "../data/float.js";
import type { CommandDef, Outcome } from "../server/command-table.js";
import { error } from "../server/frames.js";
import type { Session } from "../server/session.js";
import { FUNCTION_FLAGS } from "./vm-flags.js";

/** Splits `numkeys key… arg…` from index 2, with the server's errors. */
export function keysAndArgs(
  args: Buffer[],
): { keys: Buffer[]; argv: Buffer[] } | { error: string } {
  const parsed = parseInt64(arg(args, 2));
  if (parsed === undefined) return { error: "ERR value is not an integer or out of range" };
  if (parsed < 0n) return { error: "ERR Number of keys can't be negative" };
  if (parsed > BigInt(args.length - 3))
    return { error: "ERR Number of keys can't be greater than number of args" };
  const count = Number(parsed);
  return { keys: args.slice(3, 3 + count), argv: args.slice(3 + count) };
}

/** A script's declared flags; `declared` when it has a shebang line at all. */
export function scriptFlags(
  body: Buffer,
): { declared: boolean; flags: readonly string[] } | { error: string } {
  if (body[0] !== 0x23 || body[1] !== 0x21) return { declared: false, flags: [] };
  const text = body.toString("latin1");
  const end = text.indexOf("\n");
  const [engine = "", ...options] = text
    .slice(0, end < 0 ? undefined : end)
    .split(" ")
    .filter((part) => part !== "");
  if (engine !== "#!lua") return { error: `ERR Unexpected engine in script shebang: ${engine}` };
  const flags: string[] = [];
  for (const option of options) {
    if (!option.startsWith("flags=")) return { error: `ERR Unknown lua shebang option: ${option}` };
    for (const flag of option.slice(6).split(",")) {
      if (flag === "") continue;
      if (!(FUNCTION_FLAGS as readonly string[]).includes(flag))
        return { error: `ERR Unexpected flag in script shebang: ${flag}` };
      flags.push(flag);
    }
  }
  return { declared: true, flags };
}

/** EVAL-shaped commands (`name numkeys key… arg…`): the definition, with numkeys checked. */
export function keyedScriptCommand(
  name: string,
  readOnly: boolean,
  run: (session: Session, args: Buffer[], keys: Buffer[], argv: Buffer[]) => Outcome,
): CommandDef {
  return {
    name,
    arity: -3,
    flags: readOnly ? ["readonly"] : [],
    keys: numKeysPositions(2),
    group: "scripting",
    run(session, args) {
      const split = keysAndArgs(args);
      if ("error" in split) return error(split.error);
      return run(session, args, split.keys, split.argv);
    },
  };
}
