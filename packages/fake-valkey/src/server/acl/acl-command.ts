// ACL and its subcommands: users (SETUSER, GETUSER, DELUSER, LIST, USERS,
// WHOAMI), categories (CAT), DRYRUN, LOG, GENPASS and HELP. There is no ACL
// file: LOAD and SAVE answer the server's error for that case.

import type { ReplyFrame } from "@petrel/protocol";
import { parseInt64 } from "../../data/float.js";
import { type CommandDef, container } from "../command-table.js";
import { lookupCommand } from "../dispatch.js";
import { array, bulk, error, integer, NULL_BULK, OK, record } from "../frames.js";
import { nodeCrypto } from "../lazy-crypto.js";
import type { Session } from "../session.js";
import { channelAllowed, checkCommand, denialMessage } from "./check.js";
import { ACL_CATEGORIES, isCategory } from "./command-index.js";
import type { Selector } from "./selector.js";
import type { AclUser } from "./user.js";

const latin1 = (value: Buffer | undefined) => (value ?? Buffer.alloc(0)).toString("latin1");
const NOT_INTEGER = "ERR value is not an integer or out of range";
const GENPASS_MAX_BITS = 4096;

const HELP = [
  "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
  "CAT [<category>]",
  "    List all commands that belong to <category>, or all command categories",
  "    when no category is specified.",
  "DELUSER <username> [<username> ...]",
  "    Delete a list of users.",
  "DRYRUN <username> <command> [<arg> ...]",
  "    Returns whether the user can execute the given command without executing the command.",
  "GETUSER <username>",
  "    Get the user's details.",
  "GENPASS [<bits>]",
  "    Generate a secure 256-bit user password. The optional `bits` argument can",
  "    be used to specify a different size.",
  "LIST",
  "    Show users details in config file format.",
  "LOAD",
  "    Reload users from the ACL file.",
  "LOG [<count> | RESET]",
  "    Show the ACL log entries.",
  "SAVE",
  "    Save the current config to the ACL file.",
  "SETUSER <username> <attribute> [<attribute> ...]",
  "    Create or modify a user with the specified attributes.",
  "USERS",
  "    List all the registered usernames.",
  "WHOAMI",
  "    Return the current connection username.",
  "HELP",
  "    Prints this help.",
];

const NO_ACL_FILE =
  "ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.";

/** The server's reply to a known subcommand given the wrong arguments. */
function subcommandSyntaxError(args: readonly Buffer[]): ReplyFrame {
  return error(
    `ERR unknown subcommand or wrong number of arguments for '${latin1(args[1]).slice(0, 128)}'. Try ACL HELP.`,
  );
}

function sub(
  name: string,
  arity: number,
  run: (session: Session, args: Buffer[]) => ReplyFrame,
): CommandDef {
  return { name: `acl|${name}`, arity, flags: [], group: "server", run };
}

function selectorFields(selector: Selector): [string, ReplyFrame][] {
  return [
    ["commands", bulk(selector.describeCommands())],
    ["keys", bulk(selector.describeKeys().join(" "))],
    ["channels", bulk(selector.describeChannels().join(" "))],
  ];
}

/** Closes the connections of a subscriber whose channels the user may no longer use. */
function dropRevokedSubscribers(session: Session, user: AclUser): void {
  const allowed = (channel: string, pattern: boolean) =>
    user.selectors.some((selector: Selector) => channelAllowed(selector, channel, pattern));
  for (const other of session.node.sessionList()) {
    if (other.user !== user.name) continue;
    const revoked =
      [...other.patterns].some((pattern) => !allowed(pattern, true)) ||
      [...other.channels].some((channel) => !allowed(channel, false)) ||
      [...other.shardChannels].some((channel) => !allowed(channel, false));
    if (revoked) other.close();
  }
}

/** The deleted user's connections end (the one deleting after its reply), as on the server. */
function dropUserSessions(session: Session, name: string): void {
  for (const other of session.node.sessionList()) {
    if (other.user !== name) continue;
    other.user = "default";
    other.authenticated = false;
    if (other === session) other.closeWhenFlushed();
    else other.close();
  }
}

export const aclCommand: CommandDef = container("acl", "server", [
  sub("setuser", -3, (session, args) => {
    const name = latin1(args[2]);
    if (/[\s\0]/.test(name)) return error("ERR Usernames can't contain spaces or null characters");
    const registry = session.node.auth;
    const refused = registry.setUser(name, args.slice(3).map(latin1));
    if (refused !== undefined) return error(`ERR ${refused}`);
    dropRevokedSubscribers(session, registry.get(name) as AclUser);
    return OK;
  }),
  sub("getuser", 3, (session, args) => {
    const user = session.node.auth.get(latin1(args[2]));
    if (user === undefined) return NULL_BULK;
    return record([
      ["flags", { type: "set", value: user.flags.map((flag) => bulk(flag)) }],
      ["passwords", array(user.passwords.map((hash) => bulk(hash)))],
      ...selectorFields(user.root),
      ["selectors", array(user.selectors.slice(1).map((s) => record(selectorFields(s))))],
    ]);
  }),
  sub("deluser", -3, (session, args) => {
    const names = args.slice(2).map(latin1);
    if (names.includes("default")) return error("ERR The 'default' user cannot be removed");
    let deleted = 0;
    for (const name of names) {
      if (!session.node.auth.remove(name)) continue;
      deleted++;
      dropUserSessions(session, name);
    }
    return integer(deleted);
  }),
  sub("list", 2, (session) =>
    array(session.node.auth.all().map((user) => bulk(`user ${user.name} ${user.describe()}`))),
  ),
  sub("users", 2, (session) => array(session.node.auth.all().map((user) => bulk(user.name)))),
  sub("whoami", 2, (session) => bulk(session.user)),
  sub("load", 2, () => error(NO_ACL_FILE)),
  sub("save", 2, () => error(NO_ACL_FILE)),
  sub("cat", -2, (session, args) => {
    if (args.length > 3) return subcommandSyntaxError(args);
    if (args.length === 2) return array(ACL_CATEGORIES.map((name) => bulk(name)));
    const category = latin1(args[2]);
    if (!isCategory(category)) return error(`ERR Unknown category '${category.slice(0, 128)}'`);
    const commands = session.node.auth.index.inCategory(category.toLowerCase());
    return array(commands.map((command) => bulk(command.name)));
  }),
  sub("genpass", -2, (_session, args) => {
    if (args.length > 3) return subcommandSyntaxError(args);
    let bits = 256;
    if (args.length === 3) {
      const given = parseInt64(args[2] as Buffer);
      if (given === undefined) return error(NOT_INTEGER);
      bits = given > 100_000n || given < -1n ? -1 : Number(given);
    }
    if (bits <= 0 || bits > GENPASS_MAX_BITS)
      return error(
        `ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to ${GENPASS_MAX_BITS}`,
      );
    const chars = Math.floor((bits + 3) / 4);
    return bulk(
      nodeCrypto()
        .randomBytes(Math.ceil(chars / 2))
        .toString("hex")
        .slice(0, chars),
    );
  }),
  sub("log", -2, (session, args) => {
    if (args.length > 3) return subcommandSyntaxError(args);
    const log = session.node.auth.log;
    let count = 10;
    if (args.length === 3) {
      if (latin1(args[2]).toLowerCase() === "reset") {
        log.reset();
        return OK;
      }
      const given = parseInt64(args[2] as Buffer);
      if (given === undefined) return error(NOT_INTEGER);
      count = given < 0n ? 0 : given > 1_000_000n ? 1_000_000 : Number(given);
    }
    return array(log.reply(count, session.node.clock.now()));
  }),
  sub("dryrun", -4, (session, args) => {
    const registry = session.node.auth;
    const name = latin1(args[2]);
    const user = registry.get(name);
    if (user === undefined) return error(`ERR User '${name}' not found`);
    const target = args.slice(3);
    const lookup = lookupCommand(session.node.commands, target);
    if ("error" in lookup) return error(`ERR Command '${latin1(args[3])}' not found`);
    const def = lookup.def;
    const argc = target.length;
    if ((def.arity > 0 && def.arity !== argc) || argc < -def.arity)
      return error(`ERR wrong number of arguments for '${def.name}' command`);
    const command = registry.index.lookup(def.name);
    if (command === undefined) return OK;
    const denial = checkCommand(user, command, def, target);
    if (denial === undefined) return OK;
    return bulk(denialMessage(denial, user.name, def.name, target, true));
  }),
  sub("help", 2, () => array(HELP.map((line) => ({ type: "simple", value: line })))),
]);
