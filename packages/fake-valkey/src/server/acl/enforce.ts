// Where the server applies ACLs to a running connection: before a command
// runs or is queued, again for each queued command at EXEC, for each
// command a script calls, and on failed AUTH. Denials go to ACL LOG.

import type { CommandDef } from "../command-table.js";
import { clientInfoLine } from "../commands/client.js";
import type { Session } from "../session.js";
import { checkCommand, type Denial, denialMessage } from "./check.js";
import type { LogContext, LogReason } from "./log.js";

/** Adds an ACL LOG entry for this connection. */
export function logAclEvent(
  session: Session,
  reason: LogReason,
  context: LogContext,
  object: string,
  username = session.user,
): void {
  const node = session.node;
  node.auth.log.add(
    { reason, context, object, username, clientInfo: clientInfoLine(session) },
    node.clock.now(),
    node.config.getNumber("acllog-max-len"),
  );
}

/** Why the session's user may not run a command, if it may not (nothing logged). */
export function aclCheck(
  session: Session,
  def: CommandDef,
  args: readonly Buffer[],
): Denial | undefined {
  const registry = session.node.auth;
  const user = registry.get(session.user);
  if (user === undefined || user.unrestricted) return undefined;
  const command = registry.index.lookup(def.name);
  if (command === undefined) return undefined;
  return checkCommand(user, command, def, args);
}

/** Checks the session's user against a command; logs and returns the denial, if any. */
export function aclDenial(
  session: Session,
  def: CommandDef,
  args: readonly Buffer[],
  context: LogContext,
): Denial | undefined {
  const denial = aclCheck(session, def, args);
  if (denial === undefined) return undefined;
  const object =
    denial.reason === "command" ? def.name : (args[denial.position] as Buffer).toString("latin1");
  logAclEvent(session, denial.reason, context, object);
  return denial;
}

/** The NOPERM error text (without `NOPERM `) for a denial at the top level or in a script. */
export function denialText(
  session: Session,
  def: CommandDef,
  args: readonly Buffer[],
  denial: Denial,
): string {
  return denialMessage(denial, session.user, def.name, args, false);
}
