// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD|EXISTS|FLUSH|KILL.
// @see https://valkey.io/commands/eval/

import { numKeysPositions } from "../data/command.js";
import { parseInt64 } from "../data/float.js";
import { type CommandDef, container, type Outcome } from "../server/command-table.js";
import { array, bulk, error, integer, OK } from "../server/frames.js";
import type { Session } from "../server/session.js";
import { scriptEngine, withVm } from "./engine.js";

const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

/** Splits `numkeys key… arg…` from index 2, with the server's errors. */
export function keysAndArgs(
  args: Buffer[],
): { keys: Buffer[]; argv: Buffer[] } | { error: string } {
  const parsed = parseInt64(args[2] as Buffer);
  if (parsed === undefined) return { error: "ERR value is not an integer or out of range" };
  if (parsed < 0n) return { error: "ERR Number of keys can't be negative" };
  if (parsed > BigInt(args.length - 3))
    return { error: "ERR Number of keys can't be greater than number of args" };
  const count = Number(parsed);
  return { keys: args.slice(3, 3 + count), argv: args.slice(3 + count) };
}

function evalCommand(name: string, bySha: boolean, readOnly: boolean): CommandDef {
  return {
    name,
    arity: -3,
    flags: readOnly ? ["readonly"] : [],
    keys: numKeysPositions(2),
    group: "scripting",
    run(session: Session, args: Buffer[]): Outcome {
      const split = keysAndArgs(args);
      if ("error" in split) return error(split.error);
      const engine = scriptEngine(session.node);
      if (bySha && !engine.scripts.has((args[1] as Buffer).toString("latin1").toLowerCase()))
        return error(NOSCRIPT);
      return withVm(session, (vm) => {
        let sha: string;
        if (bySha) {
          sha = (args[1] as Buffer).toString("latin1").toLowerCase();
          // SCRIPT FLUSH may have run while the interpreter was loading.
          if (!engine.scripts.has(sha)) return error(NOSCRIPT);
        } else {
          const loaded = engine.load(vm, args[1] as Buffer);
          if ("error" in loaded) return error(loaded.error);
          sha = loaded.sha;
        }
        return engine.run(vm, session, sha, split.keys, split.argv, readOnly);
      });
    },
  };
}

const scriptContainer = container("script", "scripting", [
  {
    name: "script|load",
    arity: 3,
    flags: [],
    group: "scripting",
    run(session, args) {
      return withVm(session, (vm) => {
        const loaded = scriptEngine(session.node).load(vm, args[2] as Buffer);
        return "error" in loaded ? error(loaded.error) : bulk(loaded.sha);
      });
    },
  },
  {
    name: "script|exists",
    arity: -3,
    flags: [],
    group: "scripting",
    run(session, args) {
      const scripts = scriptEngine(session.node).scripts;
      return array(
        args
          .slice(2)
          .map((sha) => integer(scripts.has(sha.toString("latin1").toLowerCase()) ? 1 : 0)),
      );
    },
  },
  {
    name: "script|flush",
    arity: -2,
    flags: [],
    group: "scripting",
    run(session, args) {
      if (args.length > 3) return error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
      if (args.length === 3) {
        const mode = (args[2] as Buffer).toString("latin1").toUpperCase();
        if (mode !== "SYNC" && mode !== "ASYNC")
          return error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
      }
      scriptEngine(session.node).flush();
      return OK;
    },
  },
  {
    name: "script|kill",
    arity: 2,
    flags: [],
    group: "scripting",
    run() {
      // Scripts run to completion within one turn of the event loop here.
      return error("NOTBUSY No scripts in execution right now.");
    },
  },
]);

/** The scripting commands, for the node's command table. */
export const scriptingCommands: readonly CommandDef[] = [
  evalCommand("eval", false, false),
  evalCommand("evalsha", true, false),
  evalCommand("eval_ro", false, true),
  evalCommand("evalsha_ro", true, true),
  scriptContainer,
];
