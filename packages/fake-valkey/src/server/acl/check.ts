// Permission checks, the server's way: a command runs when one selector
// allows the command, every key it names (with the access its key specs
// need) and every channel it publishes or subscribes to. When none does, the
// denial reported is the "worst" one (command < key < channel), and among
// equals the one at the later argument.

import { globMatch } from "../../data/glob.js";
import { type CommandDef, keyPositions } from "../command-table.js";
import type { AclCommand } from "./command-index.js";
import { keyAccesses } from "./key-specs.js";
import type { Selector } from "./selector.js";
import type { AclUser } from "./user.js";

export type DenialReason = "command" | "key" | "channel";

export interface Denial {
  readonly reason: DenialReason;
  /** The argument that was refused (0 for the command itself). */
  readonly position: number;
}

const RANK: Record<DenialReason, number> = { command: 1, key: 2, channel: 4 };

/** Argument positions of the channels a command publishes or subscribes to. */
function channelPositions(
  name: string,
  args: readonly Buffer[],
): { positions: number[]; patterns: boolean } {
  switch (name) {
    case "publish":
    case "spublish":
      return { positions: args.length > 1 ? [1] : [], patterns: false };
    case "subscribe":
    case "ssubscribe":
    case "psubscribe":
      return {
        positions: Array.from({ length: args.length - 1 }, (_, i) => i + 1),
        patterns: name === "psubscribe",
      };
    default:
      return { positions: [], patterns: false };
  }
}

function keyAllowed(selector: Selector, key: string, read: boolean, write: boolean): boolean {
  if (selector.allKeys) return true;
  for (const pattern of selector.keys) {
    if ((read && !pattern.read) || (write && !pattern.write)) continue;
    if (globMatch(pattern.pattern, key)) return true;
  }
  return false;
}

/** Whether a channel (or, literally, a PSUBSCRIBE pattern) is among the selector's. */
export function channelAllowed(selector: Selector, channel: string, isPattern: boolean): boolean {
  if (selector.allChannels) return true;
  return selector.channels.some((allowed) =>
    isPattern ? allowed === channel : globMatch(allowed, channel),
  );
}

function checkSelector(
  selector: Selector,
  command: AclCommand,
  def: CommandDef,
  args: readonly Buffer[],
): Denial | undefined {
  if (!selector.mayRun(command, args)) return { reason: "command", position: 0 };
  if (!selector.allKeys) {
    const fallback = () => keyPositions(def.keys, args);
    for (const access of keyAccesses(command.name, args, fallback)) {
      const key = (args[access.position] as Buffer).toString("latin1");
      if (!keyAllowed(selector, key, access.read, access.write))
        return { reason: "key", position: access.position };
    }
  }
  if (!selector.allChannels) {
    const { positions, patterns } = channelPositions(command.name, args);
    for (const position of positions) {
      const channel = (args[position] as Buffer).toString("latin1");
      if (!channelAllowed(selector, channel, patterns)) return { reason: "channel", position };
    }
  }
  return undefined;
}

/** Why `user` may not run `args`, or undefined when it may. */
export function checkCommand(
  user: AclUser,
  command: AclCommand,
  def: CommandDef,
  args: readonly Buffer[],
): Denial | undefined {
  let worst: Denial | undefined;
  for (const selector of user.selectors) {
    const denial = checkSelector(selector, command, def, args);
    if (denial === undefined) return undefined;
    if (
      worst === undefined ||
      RANK[denial.reason] > RANK[worst.reason] ||
      (denial.reason === worst.reason && denial.position > worst.position)
    )
      worst = denial;
  }
  return worst;
}

/** The server's text for a denial; `verbose` names the key or channel (ACL DRYRUN). */
export function denialMessage(
  denial: Denial,
  user: string,
  command: string,
  args: readonly Buffer[],
  verbose: boolean,
): string {
  if (denial.reason === "command")
    return `User ${user} has no permissions to run the '${command}' command`;
  const what = denial.reason;
  if (!verbose) return `No permissions to access a ${what}`;
  const value = (args[denial.position] as Buffer).toString("latin1");
  return `User ${user} has no permissions to access the '${value}' ${what}`;
}

/** EXEC's reason when permissions changed after a command was queued. */
export function changedSinceQueuedMessage(denial: Denial): string {
  const reason =
    denial.reason === "command"
      ? "no permission to execute the command or subcommand"
      : denial.reason === "key"
        ? "no permission to touch the specified keys"
        : "no permission to access one of the channels used as arguments";
  return `NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: ${reason}`;
}
