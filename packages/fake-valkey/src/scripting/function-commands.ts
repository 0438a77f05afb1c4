// FUNCTION LOAD|DELETE|FLUSH|LIST|STATS|DUMP|RESTORE|KILL, FCALL and FCALL_RO.
// @see https://valkey.io/commands/function-load/
// @see https://valkey.io/commands/fcall/

import type { ReplyFrame } from "@petrel/protocol";
import { arg } from "../data/command.js";
import { globMatch } from "../data/glob.js";
import { type CommandDef, container } from "../server/command-table.js";
import { array, bulk, error, integer, OK, record, simple } from "../server/frames.js";
import type { Session } from "../server/session.js";
import { keyedScriptCommand } from "./arguments.js";
import { killScript } from "./busy.js";
import { scriptEngine, withVm } from "./engine.js";
import { NO_CLUSTER_ERROR, WRITE_FLAG_ERROR } from "./errors.js";
import { dumpFunctions, readFunctionDump } from "./function-dump.js";
import type { Library } from "./libraries.js";

function fcall(name: string, readOnly: boolean): CommandDef {
  return keyedScriptCommand(name, readOnly, (session, args, keys, argv) => {
    const engine = scriptEngine(session.node);
    const info = engine.libraries.functions.get(arg(args, 1).toString("latin1"));
    if (info === undefined) return error("ERR Function not found");
    const noWrites = info.flags.includes("no-writes");
    if (readOnly && !noWrites) return error(WRITE_FLAG_ERROR);
    if (session.node.cluster !== undefined && info.flags.includes("no-cluster"))
      return error(NO_CLUSTER_ERROR);
    return withVm(session, (vm) =>
      engine.runFunction(vm, session, info, keys, argv, readOnly || noWrites),
    );
  });
}

function libraryEntry(library: Library, withCode: boolean): ReplyFrame {
  const functions = [...library.functions.values()].map((info) =>
    record([
      ["name", bulk(info.name)],
      ["description", bulk(info.description ?? null)],
      ["flags", { type: "set", value: info.flags.map((flag) => simple(flag)) }],
    ]),
  );
  const fields: [string, ReplyFrame][] = [
    ["library_name", bulk(library.name)],
    ["engine", bulk("LUA")],
    ["functions", array(functions)],
  ];
  if (withCode) fields.push(["library_code", bulk(library.code)]);
  return record(fields);
}

function upper(arg: Buffer | undefined): string {
  return arg === undefined ? "" : arg.toString("latin1").toUpperCase();
}

const functionContainer = container("function", "scripting", [
  {
    name: "function|load",
    arity: -3,
    flags: ["write", "denyoom"],
    group: "scripting",
    run(session, args) {
      let replace = false;
      let index = 2;
      for (; index < args.length - 1; index++) {
        if (upper(args[index]) === "REPLACE") replace = true;
        else return error(`ERR Unknown option given: ${arg(args, index).toString("latin1")}`);
      }
      const code = arg(args, index);
      return withVm(session, (vm) => {
        const loaded = scriptEngine(session.node).libraries.load(vm, code, replace);
        return "error" in loaded ? error(loaded.error) : bulk(loaded.name);
      });
    },
  },
  {
    name: "function|delete",
    arity: 3,
    flags: ["write"],
    group: "scripting",
    run(session, args) {
      const engine = scriptEngine(session.node);
      const deleted = engine.libraries.delete(engine.vmIfLoaded(), arg(args, 2).toString("latin1"));
      return deleted ? OK : error("ERR Library not found");
    },
  },
  {
    name: "function|flush",
    arity: -2,
    flags: ["write"],
    group: "scripting",
    run(session, args) {
      const mode = upper(args[2]);
      if (args.length > 3 || (args.length === 3 && mode !== "SYNC" && mode !== "ASYNC"))
        return error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
      const engine = scriptEngine(session.node);
      engine.libraries.flush(engine.vmIfLoaded());
      return OK;
    },
  },
  {
    name: "function|list",
    arity: -2,
    flags: [],
    group: "scripting",
    run(session, args) {
      let pattern: string | undefined;
      let withCode = false;
      for (let i = 2; i < args.length; i++) {
        const option = upper(args[i]);
        if (option === "WITHCODE" && !withCode) withCode = true;
        else if (option === "LIBRARYNAME" && pattern === undefined) {
          const value = args[i + 1];
          if (value === undefined) return error("ERR library name argument was not given");
          pattern = value.toString("latin1");
          i++;
        } else return error(`ERR Unknown argument ${arg(args, i).toString("latin1")}`);
      }
      const libraries = [...scriptEngine(session.node).libraries.libraries.values()];
      return array(
        libraries
          .filter((library) => pattern === undefined || globMatch(pattern, library.name))
          .map((library) => libraryEntry(library, withCode)),
      );
    },
  },
  {
    name: "function|stats",
    arity: 2,
    flags: [],
    group: "scripting",
    run(session) {
      const libraries = scriptEngine(session.node).libraries;
      return record([
        ["running_script", { type: "null" }],
        [
          "engines",
          record([
            [
              "LUA",
              record([
                ["libraries_count", integer(libraries.libraries.size)],
                ["functions_count", integer(libraries.functions.size)],
              ]),
            ],
          ]),
        ],
      ]);
    },
  },
  {
    name: "function|dump",
    arity: 2,
    flags: [],
    group: "scripting",
    run(session) {
      const libraries = scriptEngine(session.node).libraries.libraries.values();
      return bulk(dumpFunctions([...libraries].map((library) => library.code)));
    },
  },
  {
    name: "function|restore",
    arity: -3,
    flags: ["write", "denyoom"],
    group: "scripting",
    run(session, args) {
      if (args.length > 4) return error("ERR syntax error");
      const policy = args.length === 4 ? upper(args[3]) : "APPEND";
      if (policy !== "APPEND" && policy !== "REPLACE" && policy !== "FLUSH")
        return error(
          "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.",
        );
      const codes = readFunctionDump(arg(args, 2));
      if (codes === undefined) return error("ERR DUMP payload version or checksum are wrong");
      return withVm(session, (vm) => restore(session, vm, codes, policy));
    },
  },
  {
    name: "function|kill",
    arity: 2,
    flags: [],
    group: "scripting",
    run(session) {
      return killScript(session.node, true);
    },
  },
]);

function restore(
  session: Session,
  vm: Parameters<Parameters<typeof withVm>[1]>[0],
  codes: readonly Buffer[],
  policy: string,
): ReplyFrame {
  const libraries = scriptEngine(session.node).libraries;
  // All or nothing: check every library against what would remain before changing anything.
  const previous = [...libraries.libraries.values()].map((library) => library.code);
  if (policy === "FLUSH") libraries.flush(vm);
  for (const code of codes) {
    const loaded = libraries.load(vm, code, policy !== "APPEND");
    if ("error" in loaded) {
      libraries.flush(vm);
      for (const old of previous) libraries.load(vm, old, true);
      return error(loaded.error);
    }
  }
  return OK;
}

/** FUNCTION, FCALL and FCALL_RO, for the node's command table. */
export const functionCommands: readonly CommandDef[] = [
  fcall("fcall", false),
  fcall("fcall_ro", true),
  functionContainer,
];
