// CLIENT subcommands: ID, SETNAME, GETNAME, SETINFO, INFO, LIST, KILL, UNBLOCK;
// the tracking ones are in client-tracking.ts.

import { arg } from "../../data/command.js";
import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { bulk, error, integer, NULL_BULK, OK, SYNTAX_ERROR, verbatim } from "../frames.js";
import type { Session } from "../session.js";
import { clientControlSubcommands } from "./client-control.js";
import { clientSubcommand, latin1 } from "./client-subcommand.js";
import { clientTrackingSubcommands } from "./client-tracking.js";
import { CLIENT_NAME_ERROR, validClientName } from "./connection.js";

/** CLIENT LIST's flags, in the server's order. */
function flagsOf(session: Session): string {
  let flags = "";
  if (session.node.monitors.has(session)) flags += "O";
  if (session.channels.size + session.patterns.size + session.shardChannels.size > 0) flags += "P";
  if (session.transaction !== undefined) flags += "x";
  if (session.blocked !== undefined || session.isPaused) flags += "b";
  const tracking = session.tracking;
  if (tracking !== undefined) flags += "t";
  if (tracking?.brokenRedirect) flags += "R";
  if (tracking?.bcast) flags += "B";
  if (session.node.isReplica && session.readonlyMode) flags += "r";
  if (session.noEvict) flags += "e";
  if (session.noTouch) flags += "T";
  return flags === "" ? "N" : flags;
}

/** One CLIENT LIST / CLIENT INFO line, in the server's field order. */
export function clientInfoLine(session: Session): string {
  const now = session.node.clock.now();
  const fields: [string, string | number][] = [
    ["id", session.id],
    ["addr", session.address],
    ["laddr", session.localAddress],
    ["fd", session.id + 7],
    ["name", session.name ?? ""],
    ["age", Math.floor((now - session.createdAt) / 1000)],
    ["idle", Math.floor((now - session.lastActivity) / 1000)],
    ["flags", flagsOf(session)],
    ["db", session.db],
    ["sub", session.channels.size],
    ["psub", session.patterns.size],
    ["ssub", session.shardChannels.size],
    ["multi", session.transaction === undefined ? -1 : session.transaction.queue.length],
    ["watch", session.watched.length],
    ["qbuf", 0],
    ["qbuf-free", 0],
    ["argv-mem", 0],
    ["multi-mem", 0],
    ["rbs", 1024],
    ["rbp", 0],
    ["obl", 0],
    ["oll", 0],
    ["omem", 0],
    ["tot-mem", 2048],
    ["events", "r"],
    ["cmd", session.lastCommand],
    ["user", session.user],
    ["redir", session.tracking?.redirect ?? -1],
    ["resp", session.resp],
    ["lib-name", session.libName],
    ["lib-ver", session.libVersion],
    ["tot-net-in", session.bytesIn],
    ["tot-net-out", session.bytesOut],
    ["tot-cmds", session.commandsRun],
  ];
  return fields.map(([name, value]) => `${name}=${value}`).join(" ");
}

const sub = clientSubcommand;

const id = sub("id", 2, (session) => integer(session.id));

const getName = sub("getname", 2, (session) =>
  session.name === undefined ? NULL_BULK : bulk(session.name),
);

const setName = sub("setname", 3, (session, args) => {
  const name = latin1(args[2]);
  if (!validClientName(name)) return error(CLIENT_NAME_ERROR);
  session.name = name === "" ? undefined : name;
  return OK;
});

const setInfo = sub("setinfo", 4, (session, args) => {
  const option = latin1(args[2]).toLowerCase();
  const value = latin1(args[3]);
  if (option !== "lib-name" && option !== "lib-ver")
    return error(`ERR Unrecognized option '${latin1(args[2])}'`);
  if (!validClientName(value) && value !== "") {
    return error(`ERR ${latin1(args[2])} cannot contain spaces, newlines or special characters.`);
  }
  if (option === "lib-name") session.libName = value;
  else session.libVersion = value;
  return OK;
});

const info = sub("info", 2, (session) => verbatim(`${clientInfoLine(session)}\n`));

function clientType(session: Session): string {
  return session.channels.size + session.patterns.size + session.shardChannels.size > 0
    ? "pubsub"
    : "normal";
}

const list = sub("list", -2, (session, args) => {
  let sessions = session.node.sessionList().sort((a, b) => a.id - b.id);
  for (let i = 2; i < args.length; i++) {
    const option = latin1(args[i]).toLowerCase();
    if (option === "type" && i + 1 < args.length) {
      const type = latin1(args[++i]).toLowerCase();
      if (!["normal", "master", "replica", "slave", "pubsub"].includes(type)) {
        return error(`ERR Unknown client type '${latin1(args[i])}'`);
      }
      sessions = sessions.filter((s) => clientType(s) === type);
    } else if (option === "id" && i + 1 < args.length) {
      const ids = new Set<number>();
      for (i++; i < args.length; i++) {
        const value = Number(latin1(args[i]));
        if (!Number.isInteger(value) || value <= 0) return error("ERR Invalid client ID");
        ids.add(value);
      }
      sessions = sessions.filter((s) => ids.has(s.id));
    } else {
      return SYNTAX_ERROR;
    }
  }
  return verbatim(sessions.map((s) => `${clientInfoLine(s)}\n`).join(""));
});

const kill = sub("kill", -3, (session, args) => {
  const node = session.node;
  if (args.length === 3) {
    const address = latin1(args[2]);
    const target = node.sessionList().find((s) => s.address === address);
    if (target === undefined) return error("ERR No such client");
    closeClient(session, target);
    return OK;
  }
  if (args.length % 2 !== 0) return SYNTAX_ERROR;
  let skipMe = true;
  const filters: ((s: Session) => boolean)[] = [];
  for (let i = 2; i < args.length; i += 2) {
    const option = latin1(args[i]).toLowerCase();
    const value = latin1(args[i + 1]);
    if (option === "id") {
      const target = Number(value);
      if (!Number.isInteger(target) || target <= 0)
        return error("ERR client-id should be greater than 0");
      filters.push((s) => s.id === target);
    } else if (option === "addr") {
      filters.push((s) => s.address === value);
    } else if (option === "laddr") {
      filters.push((s) => s.localAddress === value);
    } else if (option === "user") {
      if (!node.auth.exists(value)) return error(`ERR No such user '${value}'`);
      filters.push((s) => s.user === value);
    } else if (option === "type") {
      const type = value.toLowerCase();
      if (!["normal", "master", "replica", "slave", "pubsub"].includes(type)) {
        return error(`ERR Unknown client type '${value}'`);
      }
      filters.push((s) => clientType(s) === type);
    } else if (option === "skipme") {
      if (value.toLowerCase() !== "yes" && value.toLowerCase() !== "no") return SYNTAX_ERROR;
      skipMe = value.toLowerCase() === "yes";
    } else if (option === "maxage") {
      const seconds = parseInt64(arg(args, i + 1));
      if (seconds === undefined) return error("ERR value is not an integer or out of range");
      filters.push((s) => BigInt(node.clock.now() - s.createdAt) >= seconds * 1000n);
    } else {
      return SYNTAX_ERROR;
    }
  }
  const targets = node
    .sessionList()
    .filter((s) => (!skipMe || s !== session) && filters.every((f) => f(s)));
  for (const target of targets) closeClient(session, target);
  return integer(targets.length);
});

/** Closes a client; the caller itself is closed only after its reply is written. */
function closeClient(caller: Session, target: Session): void {
  if (target === caller) target.closeWhenFlushed();
  else target.close();
}

const unblock = sub("unblock", -3, (session, args) => {
  const targetId = Number(latin1(args[2]));
  if (!Number.isInteger(targetId)) return error("ERR value is not an integer or out of range");
  const mode = args.length > 3 ? latin1(args[3]).toLowerCase() : "timeout";
  if (args.length > 4 || (mode !== "timeout" && mode !== "error")) {
    return error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
  }
  const target = session.node.sessionList().find((s) => s.id === targetId);
  const wait = target?.blocked;
  if (target === undefined || wait === undefined) return integer(0);
  session.node.unblockWith(
    target,
    mode === "error"
      ? error("UNBLOCKED client unblocked via CLIENT UNBLOCK")
      : wait.request.timeoutReply(),
  );
  return integer(1);
});

export const clientCommand: CommandDef = container("client", "connection", [
  id,
  getName,
  setName,
  setInfo,
  info,
  list,
  kill,
  unblock,
  ...clientTrackingSubcommands,
  ...clientControlSubcommands,
]);
