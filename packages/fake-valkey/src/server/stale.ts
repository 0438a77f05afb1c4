// A replica whose link to its primary is down, with `replica-serve-stale-data no`,
// runs only commands flagged `stale` (Valkey's processCommand). A script or function
// that declares flags replaces its command's flags with its own: it is `stale` only
// with `allow-stale`, and a write command unless `no-writes`.

import { declaredScriptFlags } from "../scripting/oom.js";
import type { CommandDef } from "./command-table.js";
import type { Session } from "./session.js";

/** Valkey's reply to a command refused on such a replica. */
export const MASTERDOWN_ERROR =
  "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";

/** What a script's `redis.call` gets for a command without the `stale` flag there. */
export const STALE_SCRIPT_CALL_ERROR = "ERR Can not execute the command on a stale replica";

/** Commands (and subcommands) the server flags `stale`, as COMMAND INFO lists them. */
const STALE_COMMANDS = new Set(
  (
    "acl|cat acl|deluser acl|dryrun acl|genpass acl|getuser acl|help acl|list acl|load acl|log " +
    "acl|save acl|setuser acl|users acl|whoami auth client|caching client|getname client|getredir " +
    "client|help client|id client|info client|kill client|list client|no-evict client|no-touch " +
    "client|pause client|reply client|setinfo client|setname client|tracking client|trackinginfo " +
    "client|unblock client|unpause cluster|addslots cluster|addslotsrange cluster|bumpepoch " +
    "cluster|count-failure-reports cluster|countkeysinslot cluster|delslots cluster|delslotsrange " +
    "cluster|failover cluster|flushslots cluster|forget cluster|getkeysinslot cluster|help " +
    "cluster|info cluster|keyslot cluster|links cluster|meet cluster|myid cluster|myshardid " +
    "cluster|nodes cluster|replicas cluster|replicate cluster|reset cluster|saveconfig " +
    "cluster|set-config-epoch cluster|setslot cluster|shards cluster|slaves cluster|slots command " +
    "command|count command|docs command|getkeys command|getkeysandflags command|help command|info " +
    "command|list config|get config|help config|resetstat config|rewrite config|set debug discard " +
    "echo eval eval_ro evalsha evalsha_ro exec failover fcall fcall_ro function|help hello info " +
    "lastsave latency|doctor latency|graph latency|help latency|histogram latency|history " +
    "latency|latest latency|reset memory|help module|help monitor multi object|help psubscribe " +
    "publish pubsub|channels pubsub|help pubsub|numpat pubsub|numsub pubsub|shardchannels " +
    "pubsub|shardnumsub punsubscribe quit readonly readwrite replconf replicaof reset role " +
    "script|help script|load select shutdown slaveof slowlog|get slowlog|help slowlog|len " +
    "slowlog|reset spublish ssubscribe subscribe sunsubscribe time unsubscribe unwatch watch " +
    "xgroup|help xinfo|help"
  ).split(" "),
);

/** Whether the command carries the server's `stale` flag. */
export function isStaleCommand(def: CommandDef): boolean {
  return STALE_COMMANDS.has(def.name);
}

/**
 * The refusal a replica gives this command for its replication state, if any: READONLY
 * for a script declaring writes on a read-only replica, MASTERDOWN when serving stale data is off.
 */
export function replicaStateRefusal(
  session: Session,
  def: CommandDef,
  args: Buffer[],
): string | undefined {
  const node = session.node;
  if (!node.isReplica) return undefined;
  const flags = def.group === "scripting" ? declaredScriptFlags(session, def, args) : undefined;
  if (
    flags !== undefined &&
    !flags.includes("no-writes") &&
    node.config.get("replica-read-only") === "yes"
  ) {
    return "READONLY You can't write against a read only replica.";
  }
  if (!node.refusesStale) return undefined;
  // EXEC is refused when any command it queued is (they were accepted while the link was up).
  const stale =
    def.name === "exec"
      ? (session.transaction?.queue ?? []).every((queued) => isStaleCommand(queued.def))
      : flags === undefined
        ? isStaleCommand(def)
        : flags.includes("allow-stale");
  return stale ? undefined : MASTERDOWN_ERROR;
}
