// While a script runs past busy-reply-threshold, other clients get BUSY for
// all but a few commands, and SCRIPT KILL / FUNCTION KILL may stop it.

import type { ReplyFrame } from "@petrel/protocol";
import type { CommandDef } from "../server/command-table.js";
import { error, OK } from "../server/frames.js";
import type { FakeNode } from "../server/node.js";
import { runningScript } from "./engine.js";

const BUSY_EVAL =
  "BUSY Valkey is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
const BUSY_FUNCTION =
  "BUSY Valkey is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";

/** Commands served while a script is busy (the server's allow-busy flag). */
const ALLOWED_WHILE_BUSY = new Set([
  "auth",
  "hello",
  "quit",
  "shutdown",
  "script|kill",
  "function|kill",
  "function|stats",
]);

/** The BUSY error for a command arriving while a script runs long, if it is refused. */
export function busyRefusal(node: FakeNode, def: CommandDef): string | undefined {
  const running = runningScript(node);
  if (running === undefined || ALLOWED_WHILE_BUSY.has(def.name)) return undefined;
  return running.isFunction ? BUSY_FUNCTION : BUSY_EVAL;
}

/** SCRIPT KILL (forFunctions false) and FUNCTION KILL (true). */
export function killScript(node: FakeNode, forFunctions: boolean): ReplyFrame {
  const running = runningScript(node);
  if (running === undefined) return error("NOTBUSY No scripts in execution right now.");
  if (running.call.wrote)
    return error(
      "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.",
    );
  if (running.isFunction !== forFunctions)
    return error(running.isFunction ? BUSY_FUNCTION : BUSY_EVAL);
  running.killed = true;
  return OK;
}
