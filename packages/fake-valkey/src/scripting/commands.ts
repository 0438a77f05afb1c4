import { arg } from "../data/command.js";
import { type CommandDef, container } from "../server/command-table.js";
import { array, bulk, error, integer, OK } from "../server/frames.js";
import { MASTERDOWN_ERROR } from "../server/stale.js";
import { keyedScriptCommand, scriptFlags } from "./arguments.js";
import { killScript } from "./busy.js";
import { scriptEngine, withVm } from "./engine.js";
import { NO_CLUSTER_ERROR, WRITE_FLAG_ERROR } from "./errors.js";
import { functionCommands } from "./function-commands.js";

const NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

function evalCommand(name: string, bySha: boolean, readOnly: boolean): CommandDef {
  return keyedScriptCommand(name, readOnly, (session, args, keys, argv) => {
    const engine = scriptEngine(session.node);
    const body = bySha
      ? engine.scripts.get(arg(args, 1).toString("latin1").toLowerCase())
      : arg(args, 1);
    if (body === undefined) return error(NOSCRIPT);
    const flags = scriptFlags(body);
    if ("error" in flags) return error(flags.error);
    if (flags.declared && readOnly && !flags.flags.includes("no-writes"))
      return error(WRITE_FLAG_ERROR);
    if (session.node.cluster !== undefined && flags.flags.includes("no-cluster"))
      return error(NO_CLUSTER_ERROR);
    const scriptReadOnly = readOnly || flags.flags.includes("no-writes");
    return withVm(session, (vm) => {
      let sha: string;
      if (bySha) {
        sha = arg(args, 1).toString("latin1").toLowerCase();
        // SCRIPT FLUSH may have run while the interpreter was loading.
        if (!engine.scripts.has(sha)) return error(NOSCRIPT);
      } else {
        const loaded = engine.load(vm, arg(args, 1));
        if ("error" in loaded) return error(loaded.error);
        sha = loaded.sha;
      }
      // A script without flags runs in compatibility mode: refused as a whole on a stale replica.
      if (!flags.declared && session.node.refusesStale) return error(MASTERDOWN_ERROR);
      return engine.run(vm, session, sha, keys, argv, scriptReadOnly);
    });
  });
}

const scriptContainer = container("script", "scripting", [
  {
    name: "script|load",
    arity: 3,
    flags: [],
    group: "scripting",
    run(session, args) {
      return withVm(session, (vm) => {
        const loaded = scriptEngine(session.node).load(vm, arg(args, 2));
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
        const mode = arg(args, 2).toString("latin1").toUpperCase();
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
    run(session) {
      return killScript(session.node, false);
    },
  },
]);

/** The scripting commands, for the node's command table. */
export const scriptingCommands: readonly CommandDef[] = [
  ...functionCommands,
  evalCommand("eval", false, false),
  evalCommand("evalsha", true, false),
  evalCommand("eval_ro", false, true),
  evalCommand("evalsha_ro", true, true),
  scriptContainer,
];
