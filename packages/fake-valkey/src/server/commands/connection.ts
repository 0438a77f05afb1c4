// Connection commands: HELLO, AUTH, PING, ECHO, SELECT, QUIT, RESET.

import { arg } from "../../data/command.js";
import { logAclEvent } from "../acl/enforce.js";
import { WRONGPASS } from "../auth.js";
import type { CommandDef } from "../command-table.js";
import {
  array,
  bulk,
  error,
  integer,
  OK,
  record,
  SYNTAX_ERROR,
  simple,
  wrongArity,
} from "../frames.js";
import type { Session } from "../session.js";
import { resetSubscriptions } from "./pubsub.js";

const latin1 = (value: Buffer | undefined) => (value ?? Buffer.alloc(0)).toString("latin1");

/** Names may not contain spaces, newlines or other characters outside `!`…`~`. */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

export const CLIENT_NAME_ERROR =
  "ERR Client names cannot contain spaces, newlines or special characters.";

function authenticate(session: Session, args: Buffer[], user: string, password: string): boolean {
  if (!session.node.auth.verify(user, password)) {
    const context = session.transaction === undefined ? "toplevel" : "multi";
    logAclEvent(session, "auth", context, latin1(args[0]), user);
    return false;
  }
  session.user = user;
  session.authenticated = true;
  return true;
}

/** Valkey 8.1 adds the zone to HELLO once one is configured. */
function availabilityZone(session: Session): [string, ReturnType<typeof bulk>][] {
  const zone = session.node.config.get("availability-zone");
  return zone === "" ? [] : [["availability_zone", bulk(zone)]];
}

const hello: CommandDef = {
  name: "hello",
  arity: -1,
  flags: ["noauth", "fast"],
  group: "connection",
  run(session, args) {
    let version: 2 | 3 | undefined;
    let next = 1;
    if (args.length >= 2) {
      const text = latin1(args[1]);
      const parsed = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(parsed))
        return error("ERR Protocol version is not an integer or out of range");
      if (parsed !== 2 && parsed !== 3) return error("NOPROTO unsupported protocol version");
      version = parsed;
      next = 2;
    }
    let credentials: [string, string] | undefined;
    let name: string | undefined;
    for (let i = next; i < args.length; i++) {
      const option = latin1(args[i]);
      const more = args.length - 1 - i;
      if (option.toLowerCase() === "auth" && more >= 2) {
        credentials = [latin1(args[i + 1]), latin1(args[i + 2])];
        i += 2;
      } else if (option.toLowerCase() === "setname" && more >= 1) {
        name = latin1(args[i + 1]);
        i += 1;
      } else {
        return error(`ERR Syntax error in HELLO option '${option}'`);
      }
    }
    if (credentials !== undefined && !authenticate(session, args, credentials[0], credentials[1]))
      return error(WRONGPASS);
    if (!session.authenticated) {
      return error(
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time",
      );
    }
    if (name !== undefined) {
      if (!validClientName(name)) return error(CLIENT_NAME_ERROR);
      session.name = name === "" ? undefined : name;
    }
    if (version !== undefined) session.resp = version;
    const node = session.node;
    return record([
      ["server", bulk("valkey")],
      ["version", bulk(node.version.valkey)],
      ["proto", integer(session.resp)],
      ["id", integer(session.id)],
      ["mode", bulk(node.cluster === undefined ? "standalone" : "cluster")],
      ["role", bulk(node.isReplica ? "replica" : "master")],
      ["modules", array([])],
      ...availabilityZone(session),
    ]);
  },
};

const auth: CommandDef = {
  name: "auth",
  arity: -2,
  flags: ["noauth", "fast"],
  group: "connection",
  run(session, args) {
    if (args.length > 3) return SYNTAX_ERROR;
    if (args.length === 2 && !session.node.auth.defaultHasPassword()) {
      return error(
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
      );
    }
    const [user, password] =
      args.length === 2 ? ["default", latin1(args[1])] : [latin1(args[1]), latin1(args[2])];
    return authenticate(session, args, user, password) ? OK : error(WRONGPASS);
  },
};

const ping: CommandDef = {
  name: "ping",
  arity: -1,
  flags: ["fast", "subscriber"],
  group: "connection",
  run(session, args) {
    if (args.length > 2) return wrongArity("ping");
    if (session.inSubscriberMode) return array([bulk("pong"), bulk(args[1] ?? "")]);
    return args.length === 2 ? bulk(arg(args, 1)) : simple("PONG");
  },
};

const echo: CommandDef = {
  name: "echo",
  arity: 2,
  flags: ["fast"],
  group: "connection",
  run: (_session, args) => bulk(arg(args, 1)),
};

const select: CommandDef = {
  name: "select",
  arity: 2,
  flags: ["fast"],
  group: "connection",
  run(session, args) {
    const text = latin1(args[1]);
    const index = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(index) || index < -(2 ** 31) || index >= 2 ** 31) {
      return error("ERR value is not an integer or out of range");
    }
    if (session.node.cluster !== undefined && index !== 0)
      return error("ERR SELECT is not allowed in cluster mode");
    if (index < 0 || index >= session.node.databases.length)
      return error("ERR DB index is out of range");
    session.db = index;
    return OK;
  },
};

const quit: CommandDef = {
  name: "quit",
  arity: -1,
  flags: ["noauth", "fast", "subscriber", "nomultiqueue"],
  group: "connection",
  run(session) {
    session.closeWhenFlushed();
    return OK;
  },
};

const reset: CommandDef = {
  name: "reset",
  arity: 1,
  flags: ["noauth", "fast", "subscriber", "nomultiqueue"],
  group: "connection",
  run(session) {
    session.transaction = undefined;
    session.watched = [];
    resetSubscriptions(session);
    session.node.tracking.disable(session);
    session.node.monitors.delete(session);
    // NO-EVICT and NO-TOUCH survive a RESET, as on the server; CLIENT REPLY does not.
    session.replies = "on";
    session.resp = 2;
    session.db = 0;
    session.name = undefined;
    session.readonlyMode = false;
    session.asking = false;
    session.user = "default";
    session.authenticated = !session.node.auth.passwordRequired();
    return simple("RESET");
  },
};

export const fakeConnectionHandlers: readonly CommandDef[] = [
  hello,
  auth,
  ping,
  echo,
  select,
  quit,
  reset,
];
