// Server commands: INFO, CONFIG, COMMAND, TIME, ROLE, WAIT.

import type { ReplyFrame } from "@petrel/protocol";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { resetEvictedKeys } from "../eviction.js";
import {
  array,
  bulk,
  error,
  integer,
  map,
  OK,
  record,
  simple,
  verbatim,
  wrongArity,
} from "../frames.js";
import { infoText } from "../info.js";
import type { Session } from "../session.js";
import { commandLineKeys } from "./command-keys.js";

const latin1 = (value: Buffer | undefined) => (value ?? Buffer.alloc(0)).toString("latin1");

const info: CommandDef = {
  name: "info",
  arity: -1,
  flags: [],
  group: "server",
  run: (session, args) => verbatim(infoText(session.node, args.slice(1).map(latin1))),
};

const configGet: CommandDef = {
  name: "config|get",
  arity: -3,
  flags: [],
  group: "server",
  run(session, args) {
    const seen = new Map<string, string>();
    for (const pattern of args.slice(2)) {
      for (const [name, value] of session.node.config.matching(latin1(pattern)))
        seen.set(name, value);
    }
    return map([...seen].map(([name, value]) => [bulk(name), bulk(value)] as const));
  },
};

const configSet: CommandDef = {
  name: "config|set",
  arity: -4,
  flags: [],
  group: "server",
  run(session, args) {
    if (args.length % 2 !== 0) return wrongArity("config|set");
    const config = session.node.config;
    const pairs: [string, string][] = [];
    for (let i = 2; i < args.length; i += 2) {
      const name = latin1(args[i]).toLowerCase();
      const value = latin1(args[i + 1]);
      if (pairs.some(([seen]) => seen === name)) return error(`ERR Duplicate parameter - ${name}`);
      const problem = config.check(name, value);
      if (problem !== undefined) return error(`ERR ${problem}`);
      pairs.push([name, config.canonical(name, value)]);
    }
    for (const [name, value] of pairs) config.set(name, value);
    return OK;
  },
};

const configResetStat: CommandDef = {
  name: "config|resetstat",
  arity: 2,
  flags: [],
  group: "server",
  run(session) {
    session.node.resetCounters();
    resetEvictedKeys(session.node);
    return OK;
  },
};

const COMMAND_FLAG_NAMES: Record<string, string> = {
  write: "write",
  readonly: "readonly",
  denyoom: "denyoom",
  fast: "fast",
  blocking: "blocking",
  noauth: "no_auth",
  subscriber: "pubsub",
};

function commandInfo(def: CommandDef): ReplyFrame {
  const flags = def.flags.flatMap((flag) =>
    COMMAND_FLAG_NAMES[flag] === undefined ? [] : [COMMAND_FLAG_NAMES[flag]],
  );
  let [first, last, step] = [0, 0, 0];
  if (typeof def.keys === "function") flags.push("movablekeys");
  else if (def.keys !== undefined && def.keys.first > 0)
    [first, last, step] = [def.keys.first, def.keys.last, def.keys.step];
  const subcommands =
    def.subcommands === undefined ? [] : [...def.subcommands.values()].map(commandInfo);
  return array([
    bulk(def.name),
    integer(def.arity),
    { type: "set", value: flags.map((flag) => simple(flag as string)) },
    integer(first),
    integer(last),
    integer(step),
    { type: "set", value: [] },
    array([]),
    array([]),
    array(subcommands),
  ]);
}

function commandDocs(def: CommandDef): ReplyFrame {
  const fields: [string, ReplyFrame][] = [["group", bulk(def.group)]];
  if (def.subcommands !== undefined) {
    fields.push([
      "subcommands",
      map([...def.subcommands.values()].map((sub) => [bulk(sub.name), commandDocs(sub)] as const)),
    ]);
  }
  return record(fields);
}

function topLevel(session: Session): CommandDef[] {
  return [...session.node.commands.values()];
}

const commandContainer = container("command", "server", [
  {
    name: "command|count",
    arity: 2,
    flags: [],
    group: "server",
    run: (s) => integer(s.node.commands.size),
  },
  {
    name: "command|list",
    arity: -2,
    flags: [],
    group: "server",
    run: (s) => array(topLevel(s).map((def) => bulk(def.name))),
  },
  {
    name: "command|info",
    arity: -2,
    flags: [],
    group: "server",
    run(session, args) {
      if (args.length === 2) return array(topLevel(session).map(commandInfo));
      return array(
        args.slice(2).map((name) => {
          const def = session.node.commands.get(latin1(name).toLowerCase());
          return def === undefined ? bulk(null) : commandInfo(def);
        }),
      );
    },
  },
  {
    name: "command|docs",
    arity: -2,
    flags: [],
    group: "server",
    run(session, args) {
      const names =
        args.length === 2 ? topLevel(session).map((def) => def.name) : args.slice(2).map(latin1);
      const entries: (readonly [ReplyFrame, ReplyFrame])[] = [];
      for (const name of names) {
        const def = session.node.commands.get(name.toLowerCase());
        if (def !== undefined) entries.push([bulk(def.name), commandDocs(def)]);
      }
      return map(entries);
    },
  },
  {
    name: "command|getkeys",
    arity: -4,
    flags: [],
    group: "server",
    run(session, args) {
      const found = commandLineKeys(session, args);
      return "def" in found ? array(found.keys.map((key) => bulk(key))) : found;
    },
  },
]);

/** COMMAND alone lists every command; with an argument it is a container. */
const command: CommandDef = {
  ...commandContainer,
  arity: -1,
  run: (session) => array(topLevel(session).map(commandInfo)),
};

const time: CommandDef = {
  name: "time",
  arity: 1,
  flags: ["fast", "random"],
  group: "server",
  run(session) {
    const now = session.node.clock.now();
    const seconds = Math.floor(now / 1000);
    const micros = Math.floor((now - seconds * 1000) * 1000);
    return array([bulk(String(seconds)), bulk(String(micros))]);
  },
};

const role: CommandDef = {
  name: "role",
  arity: 1,
  flags: ["fast", "noauth"],
  group: "server",
  run(session) {
    const node = session.node;
    const primary = node.primary;
    if (primary !== undefined) {
      return array([
        bulk("slave"),
        bulk(primary.host),
        integer(primary.port),
        bulk(primary.running ? "connected" : "connect"),
        integer(node.replicationOffset),
      ]);
    }
    return array([
      bulk("master"),
      integer(node.replicationOffset),
      array(
        node.replicas
          .filter((replica) => replica.running)
          .map((replica) =>
            array([
              bulk(replica.host),
              bulk(String(replica.port)),
              bulk(String(replica.replicationOffset)),
            ]),
          ),
      ),
    ]);
  },
};

const wait: CommandDef = {
  name: "wait",
  arity: 3,
  flags: [],
  group: "generic",
  run(session, args) {
    const wanted = Number(latin1(args[1]));
    const timeout = Number(latin1(args[2]));
    if (!Number.isInteger(wanted) || !Number.isInteger(timeout)) {
      return error("ERR value is not an integer or out of range");
    }
    if (timeout < 0) return error("ERR timeout is negative");
    const node = session.node;
    if (node.primary !== undefined)
      return error(
        "ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.",
      );
    return integer(
      node.replicas.filter(
        (replica) => replica.running && replica.replicationOffset >= node.replicationOffset,
      ).length,
    );
  },
};

const lastsave: CommandDef = {
  name: "lastsave",
  arity: 1,
  flags: ["fast", "random"],
  group: "server",
  run: (session) => integer(Math.floor(session.node.startedAt / 1000)),
};

export const fakeServerHandlers: readonly CommandDef[] = [
  info,
  container("config", "server", [configGet, configSet, configResetStat]),
  command,
  time,
  role,
  wait,
  lastsave,
];
