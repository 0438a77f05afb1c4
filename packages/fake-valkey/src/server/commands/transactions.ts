// MULTI, EXEC, DISCARD, WATCH, UNWATCH. Commands are queued by the dispatcher;
// EXEC aborts when a queued command was rejected, and returns a null array
// when a watched key changed (every key change bumps its version).

import type { ReplyFrame } from "@petrel/protocol";
import { afterVmLoads } from "../../scripting/engine.js";
import { changedSinceQueuedMessage } from "../acl/check.js";
import { aclDenial } from "../acl/enforce.js";
import type { CommandDef, Outcome } from "../command-table.js";
import { runCommand } from "../dispatch.js";
import { array, error, NULL_ARRAY, OK } from "../frames.js";
import type { Session, Transaction } from "../session.js";

function endTransaction(session: Session): void {
  session.transaction = undefined;
  session.watched = [];
}

function watchedKeyChanged(session: Session): boolean {
  return session.watched.some(
    (watched) => session.node.database(watched.db).version(watched.key) !== watched.version,
  );
}

const multi: CommandDef = {
  name: "multi",
  arity: 1,
  flags: ["fast", "nomultiqueue", "nomulti"],
  group: "transactions",
  run(session) {
    session.transaction = { queue: [], failed: false };
    return OK;
  },
};

const exec: CommandDef = {
  name: "exec",
  arity: 1,
  flags: ["nomultiqueue"],
  group: "transactions",
  run(session) {
    const transaction = session.transaction;
    if (transaction === undefined) return error("ERR EXEC without MULTI");
    if (transaction.failed) {
      endTransaction(session);
      return error("EXECABORT Transaction discarded because of previous errors.");
    }
    // A queued script needs the Lua interpreter, and nothing can wait inside
    // the transaction: the first script of the process makes EXEC wait for it.
    const needsVm = transaction.queue.some((queued) => queued.def.group === "scripting");
    return needsVm
      ? afterVmLoads(session, () => runQueued(session, transaction))
      : runQueued(session, transaction);
  },
};

/** Runs a transaction's queued commands, unless a watched key changed. */
function runQueued(session: Session, transaction: Transaction): Outcome {
  if (watchedKeyChanged(session)) {
    endTransaction(session);
    return NULL_ARRAY;
  }
  session.transaction = undefined;
  const { result: replies, pushes } = session.holdingPushes(() => {
    const out: ReplyFrame[] = [];
    for (const queued of transaction.queue) {
      // Permissions may have changed since the command was queued: checked again, as the server does.
      const denial = aclDenial(session, queued.def, queued.args, "multi");
      if (denial !== undefined) {
        out.push(error(changedSinceQueuedMessage(denial)));
        continue;
      }
      // Blocked clients and replicas see the transaction's effects only once it has run entirely.
      const outcome = runCommand(session, queued.def, queued.args);
      if ("block" in outcome) {
        // Inside a transaction a blocking command never waits.
        out.push(outcome.block.attempt(session.dataContext()) ?? outcome.block.timeoutReply());
      } else if ("frames" in outcome) {
        out.push(...outcome.frames);
      } else {
        out.push(outcome);
      }
    }
    return out;
  });
  session.watched = [];
  return pushes.length === 0 ? array(replies) : { frames: [array(replies), ...pushes] };
}

const discard: CommandDef = {
  name: "discard",
  arity: 1,
  flags: ["fast", "nomultiqueue"],
  group: "transactions",
  run(session) {
    if (session.transaction === undefined) return error("ERR DISCARD without MULTI");
    endTransaction(session);
    return OK;
  },
};

const watch: CommandDef = {
  name: "watch",
  arity: -2,
  flags: ["fast", "nomultiqueue", "nomulti"],
  keys: { first: 1, last: -1, step: 1 },
  group: "transactions",
  run(session, args) {
    const db = session.node.database(session.db);
    for (const key of args.slice(1)) {
      const already = session.watched.some(
        (watched) => watched.db === session.db && watched.key.equals(key),
      );
      if (!already) session.watched.push({ db: session.db, key, version: db.version(key) });
    }
    return OK;
  },
};

const unwatch: CommandDef = {
  name: "unwatch",
  arity: 1,
  flags: ["fast"],
  group: "transactions",
  run(session) {
    session.watched = [];
    return OK;
  },
};

export const fakeTransactionHandlers: readonly CommandDef[] = [
  multi,
  exec,
  discard,
  watch,
  unwatch,
];
