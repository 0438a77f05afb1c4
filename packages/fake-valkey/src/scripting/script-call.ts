// What redis.call and redis.pcall do inside a script: the checks the server
// makes for commands coming from a script (unknown, arity, not allowed from
// scripts, non-`stale` commands on a stale replica, writes from read-only scripts, keys of other cluster nodes), then
// the command itself, its reply encoded in the script's protocol.

import { encodeReplyFrame, type ReplyFrame } from "@petrel/protocol";
import {
  CLUSTER_DOWN_ERROR,
  CLUSTER_DOWN_READS_ONLY_ERROR,
  routeQuery,
} from "../cluster/routing.js";
import { keySlot } from "../cluster/slot.js";
import { aclCheck, aclDenial, denialText } from "../server/acl/enforce.js";
import { arityOk, type CommandDef, hasFlag, keysOf } from "../server/command-table.js";
import { lookupCommand, runCommand } from "../server/dispatch.js";
import { OOM_ERROR } from "../server/memory.js";
import type { Session } from "../server/session.js";
import { isStaleCommand, STALE_SCRIPT_CALL_ERROR } from "../server/stale.js";

/** Commands the server refuses inside scripts (its `noscript` flag). */
const NOT_FROM_SCRIPTS = new Set(
  (
    "auth bgrewriteaof bgsave blmove blpop brpop brpoplpush bzpopmax bzpopmin client|caching " +
    "client|getname client|getredir client|id client|info client|kill client|list client|no-evict " +
    "client|pause client|reply client|setname client|tracking client|trackinginfo client|unblock " +
    "client|unpause client|no-touch client|setinfo cluster|reset config|get config|resetstat " +
    "config|rewrite config|set debug discard eval eval_ro evalsha evalsha_ro exec failover fcall " +
    "fcall_ro function|delete function|dump function|flush function|kill function|list " +
    "function|load function|restore function|stats hello monitor multi psubscribe psync " +
    "punsubscribe quit replconf replicaof reset role save script|debug script|exists " +
    "script|flush script|kill script|load shutdown slaveof ssubscribe subscribe sunsubscribe " +
    "sync unsubscribe unwatch wait watch"
  ).split(" "),
);

function errorReply(message: string): Buffer {
  return Buffer.from(`-${message}\r\n`, "latin1");
}

/** One script run's view of the server: the caller's connection and the script's rules. */
export class ScriptCall {
  /** Set once a command changed data (SCRIPT KILL cannot stop the script any more). */
  wrote = false;

  /** The slot of the keys seen so far (declared, then accessed); -1 before any. */
  private slot: number;

  constructor(
    readonly session: Session,
    readonly readOnly: boolean,
    declaredKeys: readonly Buffer[],
    private readonly allowCrossSlot: boolean,
    /** The node was out of memory as the script started, and it did not declare allow-oom. */
    private readonly denyOom: boolean,
  ) {
    this.slot =
      session.node.cluster === undefined || declaredKeys.length === 0
        ? -1
        : keySlot(declaredKeys[0] as Buffer);
  }

  /** Runs one command from the script; undefined for an unknown command in acl_check_cmd. */
  call(args: Buffer[], resp: 2 | 3, mode: number): Buffer | undefined {
    const session = this.session;
    const lookup = lookupCommand(session.node.commands, args);
    if ("error" in lookup) {
      if (mode === 2) return undefined;
      return errorReply("ERR Unknown Redis command called from script");
    }
    const def = lookup.def;
    // server.acl_check_cmd: whether the user may run it, without logging.
    if (mode === 2) return Buffer.from(aclCheck(session, def, args) ? "#f\r\n" : "#t\r\n");
    if (!arityOk(def.arity, args.length))
      return errorReply("ERR Wrong number of args calling Redis command from script");
    if (NOT_FROM_SCRIPTS.has(def.name))
      return errorReply("ERR This Redis command is not allowed from script");
    const denial = aclDenial(session, def, args, "lua");
    if (denial !== undefined)
      return errorReply(`ERR ACL failure in script: ${denialText(session, def, args, denial)}`);
    if (session.node.refusesStale && !isStaleCommand(def))
      return errorReply(STALE_SCRIPT_CALL_ERROR);
    const write = hasFlag(def, "write");
    // Only before the first write: a script is not stopped halfway.
    if (this.denyOom && !this.wrote && hasFlag(def, "denyoom")) return errorReply(OOM_ERROR);
    if (write && this.readOnly)
      return errorReply("ERR Write commands are not allowed from read-only scripts.");
    if (write && session.node.isReplica && session.node.config.get("replica-read-only") === "yes")
      return errorReply("READONLY You can't write against a read only replica.");
    const refused = this.clusterRefusal(def, args);
    if (refused !== undefined) return errorReply(refused);
    return this.execute(def, args, resp, write);
  }

  /** The server's checks of a script's keys in cluster mode (scriptVerifyClusterState). */
  private clusterRefusal(def: CommandDef, args: Buffer[]): string | undefined {
    const cluster = this.session.node.cluster;
    if (cluster === undefined || def.keys === undefined) return undefined;
    const keys = keysOf(def, args);
    if (keys.length === 0) return undefined;
    const decision = routeQuery(cluster.topology, {
      self: this.session.node.id,
      keys,
      keyExists: (key) => this.session.node.database(0).has(key),
      isWrite: hasFlag(def, "write"),
      readonlyConnection: this.session.readonlyMode,
      asking: this.session.asking,
      allowReadsWhenDown: this.session.node.config.get("cluster-allow-reads-when-down") === "yes",
    });
    if (decision.kind !== "serve") {
      if (decision.error === CLUSTER_DOWN_READS_ONLY_ERROR)
        return "ERR Script attempted to execute a write command while the cluster is down and readonly";
      if (decision.error === CLUSTER_DOWN_ERROR)
        return "ERR Script attempted to execute a command while the cluster is down";
      return "ERR Script attempted to access a non local key in a cluster node";
    }
    if (this.allowCrossSlot) return undefined;
    const slot = keySlot(keys[0] as Buffer);
    if (this.slot === -1) this.slot = slot;
    else if (this.slot !== slot)
      return "ERR Script attempted to access keys that do not hash to the same slot";
    return undefined;
  }

  private execute(def: CommandDef, args: Buffer[], resp: 2 | 3, write: boolean): Buffer {
    const session = this.session;
    const callerResp = session.resp;
    session.resp = resp;
    let frame: ReplyFrame;
    try {
      const outcome = runCommand(session, def, args);
      // Inside a script a blocking command never waits.
      if ("block" in outcome)
        frame = outcome.block.attempt(session.dataContext()) ?? outcome.block.timeoutReply();
      else if ("frames" in outcome) frame = outcome.frames[0] ?? { type: "null" };
      else frame = outcome;
    } finally {
      session.resp = callerResp;
    }
    if (write && frame.type !== "error") this.wrote = true;
    return encodeReplyFrame(frame, resp);
  }
}
