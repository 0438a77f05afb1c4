// What happens to every request, in the server's order: lookup (unknown
// command), arity, authentication, injected faults, cluster routing, the
// read-only replica rule, RESP2 subscriber mode, MULTI queueing, and finally
// execution followed by propagation to replicas and blocked clients.

import type { ReplyFrame } from "@petrel/protocol";
import { routeQuery } from "../cluster/routing.js";
import { arg } from "../data/command.js";
import { DataError } from "../data/errors.js";
import { withoutTouching } from "../data/keyspace.js";
import { busyRefusal } from "../scripting/busy.js";
import { scriptDeniesOom } from "../scripting/oom.js";
import { aclDenial, denialText } from "./acl/enforce.js";
import { arityOk, type CommandDef, hasFlag, keysOf, type Outcome } from "./command-table.js";
import { performEvictions } from "./eviction.js";
import { error, QUEUED } from "./frames.js";
import { notifyKeyMisses } from "./keymiss.js";
import { OOM_ERROR, refusedOutOfMemory } from "./memory.js";
import { feedMonitors, SCRIPT_COMMANDS } from "./monitor.js";
import type { Session } from "./session.js";
import { replicaStateRefusal } from "./stale.js";

/** Commands the server runs while loading its dataset (its `loading` command flag). */
const ALLOWED_WHILE_LOADING = new Set([
  "auth",
  "hello",
  "ping",
  "echo",
  "info",
  "select",
  "client",
  "config",
  "command",
  "quit",
  "reset",
  "subscribe",
  "unsubscribe",
  "psubscribe",
  "punsubscribe",
  "ssubscribe",
  "sunsubscribe",
  "publish",
  "spublish",
  "pubsub",
  "time",
  "role",
  "lastsave",
  "debug",
  "readonly",
  "readwrite",
  "asking",
  "cluster",
  "multi",
  "exec",
  "discard",
  "watch",
  "unwatch",
]);

export const LOADING_ERROR = "LOADING Valkey is loading the dataset in memory";

const RESP2_SUBSCRIBER_ERROR =
  "only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

function unknownCommandError(args: readonly Buffer[]): string {
  let shown = "";
  for (let i = 1; i < args.length && shown.length < 128; i++) {
    shown += `'${arg(args, i)
      .toString("latin1")
      .slice(0, 128 - shown.length)}' `;
  }
  const name = arg(args, 0).toString("latin1").slice(0, 128);
  return `ERR unknown command '${name}', with args beginning with: ${shown}`.replace(
    /[\r\n]/g,
    " ",
  );
}

export type Lookup = { readonly def: CommandDef } | { readonly error: string };

/** Finds the command (or subcommand) to run, with the server's errors for unknown names. */
export function lookupCommand(
  commands: ReadonlyMap<string, CommandDef>,
  args: readonly Buffer[],
): Lookup {
  const name = arg(args, 0).toString("latin1").toLowerCase();
  const def = commands.get(name);
  if (def === undefined) return { error: unknownCommandError(args) };
  if (def.subcommands === undefined || args.length < 2) return { def };
  const subName = arg(args, 1).toString("latin1");
  const sub = def.subcommands.get(subName.toLowerCase());
  if (sub === undefined) {
    const shown = subName.slice(0, 128).replace(/[\r\n]/g, " ");
    return {
      error: `ERR unknown subcommand '${shown}'. Try ${arg(args, 0).toString("latin1").toUpperCase()} HELP.`,
    };
  }
  return { def: sub };
}

function reject(session: Session, message: string): ReplyFrame {
  if (session.transaction !== undefined) session.transaction.failed = true;
  return error(message);
}

/** The keys a cluster node routes on; EXEC routes on every queued command's keys. */
function routingKeys(session: Session, def: CommandDef, args: Buffer[]): Buffer[] {
  if (def.name === "exec") {
    return (session.transaction?.queue ?? []).flatMap((queued) => keysOf(queued.def, queued.args));
  }
  return keysOf(def, args);
}

function isWrite(session: Session, def: CommandDef): boolean {
  if (def.name === "exec")
    return (session.transaction?.queue ?? []).some((queued) => hasFlag(queued.def, "write"));
  return hasFlag(def, "write");
}

/** Commands that may replicate without being writes (the server's may-replicate flag). */
const MAY_REPLICATE = new Set(["publish", "spublish", "eval", "evalsha", "fcall"]);

/** Reads, writes and may-replicate commands: refused to a MONITOR client, as to a replica link. */
function touchesKeyspace(def: CommandDef): boolean {
  return hasFlag(def, "write") || hasFlag(def, "readonly") || MAY_REPLICATE.has(def.name);
}

export function dispatch(session: Session, args: Buffer[]): Outcome {
  const node = session.node;
  const lookup = lookupCommand(node.commands, args);
  const counted = "def" in lookup ? lookup.def.name : arg(args, 0).toString("latin1").toLowerCase();
  node.countCommand(session, counted);
  session.lastCommand = counted;
  try {
    if ("error" in lookup) return reject(session, lookup.error);
    const def = lookup.def;
    if (!arityOk(def.arity, args.length))
      return reject(session, `ERR wrong number of arguments for '${def.name}' command`);
    if (!session.authenticated && !hasFlag(def, "noauth"))
      return reject(session, "NOAUTH Authentication required.");
    if (session.transaction !== undefined && hasFlag(def, "nomulti"))
      return reject(session, "ERR Command not allowed inside a transaction");
    const denial = aclDenial(session, def, args, session.transaction ? "multi" : "toplevel");
    if (denial !== undefined) {
      const refusal = `NOPERM ${denialText(session, def, args, denial)}`;
      if (def.name !== "exec") return reject(session, refusal);
      // A refused EXEC aborts the transaction, as the server's execCommandAbort does.
      session.transaction = undefined;
      session.watched = [];
      return error(`EXECABORT Transaction discarded because of: ${refusal}`);
    }
    const injected = node.faults.take(def.name);
    if (injected?.before === true) session.send(injected.frame);
    else if (injected !== undefined) {
      if (session.transaction !== undefined && injected.frame.type === "error") {
        session.transaction.failed = true;
      }
      return injected.frame;
    }
    const cluster = node.cluster;
    if (cluster !== undefined && (def.keys !== undefined || def.name === "exec")) {
      const keys = routingKeys(session, def, args);
      const decision = routeQuery(cluster.topology, {
        self: node.id,
        keys,
        shardChannels: hasFlag(def, "shardchannels"),
        keyExists: (key) => node.database(0).has(key),
        isWrite: isWrite(session, def),
        readonlyConnection: session.readonlyMode,
        asking: session.asking || def.name === "restore-asking",
        allowReadsWhenDown: node.config.get("cluster-allow-reads-when-down") === "yes",
      });
      if (decision.kind === "redirect") {
        if (def.name === "exec") {
          session.transaction = undefined;
          session.watched = [];
          return error(decision.error);
        }
        return reject(session, decision.error);
      }
    }
    // The server evicts before every command, and refuses only those that may grow memory.
    if (performEvictions(node) && refusedOutOfMemory(session, def, args, scriptDeniesOom)) {
      return reject(session, OOM_ERROR);
    }
    if (node.isReplica && hasFlag(def, "write") && node.config.get("replica-read-only") === "yes") {
      return reject(session, "READONLY You can't write against a read only replica.");
    }
    if (node.monitors.has(session) && touchesKeyspace(def)) {
      return reject(session, "ERR Replica can't interact with the keyspace");
    }
    if (session.inSubscriberMode && !hasFlag(def, "subscriber")) {
      return reject(session, `ERR Can't execute '${def.name}': ${RESP2_SUBSCRIBER_ERROR}`);
    }
    const replicaRefusal = replicaStateRefusal(session, def, args);
    if (replicaRefusal !== undefined) {
      if (def.name !== "exec") return reject(session, replicaRefusal);
      // The server aborts the transaction rather than leaving it open.
      session.transaction = undefined;
      session.watched = [];
      return error(`EXECABORT Transaction discarded because of: ${replicaRefusal}`);
    }
    if (node.faults.loading && !ALLOWED_WHILE_LOADING.has(def.name.split("|")[0] as string)) {
      return reject(session, LOADING_ERROR);
    }
    const busy = busyRefusal(node, def);
    if (busy !== undefined) return reject(session, busy);
    if (session.transaction !== undefined && !hasFlag(def, "nomultiqueue")) {
      session.transaction.queue.push({ def, args });
      return QUEUED;
    }
    return execute(session, def, args);
  } finally {
    if (session.transaction === undefined && counted !== "asking") session.asking = false;
  }
}

/** Read-only commands whose keys the server does not track: the keys their scripts read are. */
const UNTRACKED_READS = new Set(["eval_ro", "evalsha_ro", "fcall_ro"]);

/** Runs a command that passed every check, without propagating (EXEC propagates once at its end). */
export function runCommand(session: Session, def: CommandDef, args: Buffer[]): Outcome {
  const node = session.node;
  const tracking = node.tracking;
  tracking.commandStarted();
  const isScript = SCRIPT_COMMANDS.has(def.name);
  // A script that waited (for the interpreter, or ran in slices) still runs under its client's command.
  const fromScript =
    !isScript && (node.scriptDepth > 0 || SCRIPT_COMMANDS.has(session.lastCommand));
  // A script shows before the commands it calls; any other command once it has run.
  if (isScript) {
    feedMonitors(session, def, args, fromScript);
    node.scriptDepth++;
  }
  // SLOWLOG times what clients run (EXEC's commands one by one), not what scripts call.
  const timed = !fromScript && def.name !== "exec";
  const started = timed ? performance.now() : 0;
  if (node.notifies("m")) notifyKeyMisses(session, def, args);
  let outcome: Outcome;
  try {
    // NO-TOUCH clients read without refreshing access times, except through TOUCH itself.
    outcome =
      session.noTouch && def.name !== "touch"
        ? withoutTouching(node.databases, () => def.run(session, args))
        : def.run(session, args);
  } catch (thrown) {
    // An argument accessor's refusal carries the server's full error text.
    if (thrown instanceof DataError) outcome = error(thrown.message);
    else outcome = error(`ERR ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  } finally {
    if (isScript) node.scriptDepth--;
  }
  if (timed) {
    const source = { nowMs: node.clock.now(), address: session.address, name: session.name };
    node.timings.record(source, def, args, (performance.now() - started) * 1000);
  }
  if (!isScript && def.name !== "quit") feedMonitors(session, def, args, fromScript);
  if (
    session.tracking !== undefined &&
    hasFlag(def, "readonly") &&
    !UNTRACKED_READS.has(def.name)
  ) {
    tracking.remember(session, keysOf(def, args));
  }
  return outcome;
}

/** Runs a command, then hands its changes to replicas and blocked clients. */
export function execute(session: Session, def: CommandDef, args: Buffer[]): Outcome {
  const node = session.node;
  const caller = node.executing;
  const callerName = node.executingName;
  node.executing = session;
  node.executingName = def.name;
  try {
    const outcome = runCommand(session, def, args);
    session.commandsRun++;
    node.propagate();
    return outcome;
  } finally {
    node.executing = caller;
    node.executingName = callerName;
  }
}

/** Writes an outcome's replies, or parks the session on a blocking request. */
export function settleOutcome(session: Session, outcome: Outcome): void {
  if ("block" in outcome) {
    session.node.block(session, outcome.block);
    return;
  }
  if ("frames" in outcome) {
    for (const frame of outcome.frames) session.send(frame);
    return;
  }
  session.send(outcome);
}
