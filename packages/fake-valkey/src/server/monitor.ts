// MONITOR's feed as the server writes it (replication.c's
// replicationFeedMonitors): one status line per executed command,
// `<unix seconds>.<microseconds> [<db> <client address or "lua">] "arg" …`,
// each argument quoted with sdscatrepr's escapes. Administrative commands are
// never shown, and passwords are replaced by "(redacted)" as the server does
// for AUTH, HELLO … AUTH and MIGRATE … AUTH/AUTH2.

import type { ReplyFrame } from "@petrel/protocol";
import type { CommandDef } from "./command-table.js";
import { simple } from "./frames.js";
import type { Session } from "./session.js";

/** Commands (and subcommands) the server flags `admin`: too dangerous to show. */
const ADMIN_COMMANDS = new Set([
  "acl|deluser",
  "acl|dryrun",
  "acl|getuser",
  "acl|list",
  "acl|load",
  "acl|log",
  "acl|save",
  "acl|setuser",
  "acl|users",
  "bgrewriteaof",
  "bgsave",
  "client|kill",
  "client|list",
  "client|no-evict",
  "client|pause",
  "client|unblock",
  "client|unpause",
  "cluster|addslots",
  "cluster|addslotsrange",
  "cluster|bumpepoch",
  "cluster|count-failure-reports",
  "cluster|delslots",
  "cluster|delslotsrange",
  "cluster|failover",
  "cluster|flushslots",
  "cluster|forget",
  "cluster|meet",
  "cluster|replicas",
  "cluster|replicate",
  "cluster|reset",
  "cluster|saveconfig",
  "cluster|set-config-epoch",
  "cluster|setslot",
  "cluster|slaves",
  "config|get",
  "config|resetstat",
  "config|rewrite",
  "config|set",
  "debug",
  "failover",
  "latency|doctor",
  "latency|graph",
  "latency|histogram",
  "latency|history",
  "latency|latest",
  "latency|reset",
  "monitor",
  "pfdebug",
  "pfselftest",
  "psync",
  "replconf",
  "replicaof",
  "save",
  "shutdown",
  "slaveof",
  "slowlog|get",
  "slowlog|len",
  "slowlog|reset",
  "sync",
]);

/** Script commands: shown before they run (so before the commands they call), not after. */
export const SCRIPT_COMMANDS = new Set([
  "eval",
  "eval_ro",
  "evalsha",
  "evalsha_ro",
  "fcall",
  "fcall_ro",
]);

/** True when the server's administrative flag keeps the command out of MONITOR. */
export function isAdminCommand(def: CommandDef): boolean {
  return ADMIN_COMMANDS.has(def.name);
}

const REDACTED = Buffer.from("(redacted)");

/** The arguments as MONITOR shows them, with credentials redacted. */
export function shownArguments(def: CommandDef, args: readonly Buffer[]): readonly Buffer[] {
  const name = def.name;
  if (name === "auth") return args.map((value, i) => (i === 0 ? value : REDACTED));
  // ACL SETUSER hides the user name and every rule (passwords among them).
  if (name === "acl|setuser") return args.map((value, i) => (i < 2 ? value : REDACTED));
  if (name !== "hello" && name !== "migrate") return args;
  const shown = [...args];
  for (let i = name === "hello" ? 2 : 6; i < shown.length; i++) {
    const option = (shown[i] as Buffer).toString("latin1").toLowerCase();
    const secrets = option === "auth" ? (name === "hello" ? 2 : 1) : option === "auth2" ? 2 : 0;
    if (name === "hello" && option === "setname") i++;
    for (let j = 1; j <= secrets && i + j < shown.length; j++) shown[i + j] = REDACTED;
    i += secrets;
    // MIGRATE's KEYS lists keys to the end: nothing after them is a credential.
    if (name === "migrate" && option === "keys") break;
  }
  return shown;
}

const ESCAPES: Record<number, string> = {
  92: "\\\\",
  34: '\\"',
  10: "\\n",
  13: "\\r",
  9: "\\t",
  7: "\\a",
  8: "\\b",
};

/** sdscatrepr: a double-quoted string, printable ASCII as is, the rest escaped. */
export function quoted(value: Buffer): string {
  let out = '"';
  for (const byte of value) {
    const escaped = ESCAPES[byte];
    if (escaped !== undefined) out += escaped;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return `${out}"`;
}

/** One MONITOR line for a command run at `nowMs` on database `db` by `source`. */
export function monitorLine(
  nowMs: number,
  db: number,
  source: string,
  def: CommandDef,
  args: readonly Buffer[],
): ReplyFrame {
  const seconds = Math.floor(nowMs / 1000);
  const micros = String(Math.floor((nowMs - seconds * 1000) * 1000)).padStart(6, "0");
  const shown = shownArguments(def, args).map(quoted).join(" ");
  return simple(`${seconds}.${micros} [${db} ${source}] ${shown}`);
}

/**
 * Feeds a command to every monitor. A monitor watching its own command gets
 * the line after that command's reply, as on the server.
 */
export function feedMonitors(
  session: Session,
  def: CommandDef,
  args: readonly Buffer[],
  fromScript: boolean,
): void {
  const node = session.node;
  if (node.monitors.size === 0 || isAdminCommand(def)) return;
  const line = monitorLine(
    node.clock.now(),
    session.db,
    fromScript ? "lua" : session.address,
    def,
    args,
  );
  for (const monitor of node.monitors) {
    if (monitor === session) monitor.sendAfterReply(line);
    else monitor.send(line);
  }
}
