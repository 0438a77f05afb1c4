// The `keymiss` event (class m): the server publishes it when a read lookup
// (lookupKeyRead) finds no key, before the command's own events. Every
// read-only command's keys are read lookups except OBJECT's and MEMORY
// USAGE's (LOOKUP_NONOTIFY) and scripts' (their commands look up for
// themselves); of the write commands, those that read a source key (the
// *STORE commands, COPY, GETDEL…) look it up as a read. Checked against
// redis-server 7.0 (`test/differential/keyspace-events-keymiss.test.ts`).

import { type CommandDef, hasFlag, keysOf } from "./command-table.js";
import type { Session } from "./session.js";

/** Read-only commands whose key lookups publish nothing. */
const SILENT_READS = new Set([
  "object|encoding",
  "object|freq",
  "object|idletime",
  "object|refcount",
  "memory|usage",
  "eval_ro",
  "evalsha_ro",
  "fcall_ro",
]);

/** Which of a write command's keys (in key-spec order) are read lookups. */
type ReadKeys = "all" | "first" | "sources";

const WRITES_READING: ReadonlyMap<string, ReadKeys> = new Map<string, ReadKeys>([
  ["getdel", "all"],
  ["getex", "all"],
  ["getset", "all"],
  ["pfmerge", "all"],
  ["copy", "first"],
  ["sort", "first"],
  ["georadius", "first"],
  ["georadiusbymember", "first"],
  ["sunionstore", "sources"],
  ["sinterstore", "sources"],
  ["sdiffstore", "sources"],
  ["zunionstore", "sources"],
  ["zinterstore", "sources"],
  ["zdiffstore", "sources"],
  ["zrangestore", "sources"],
  ["geosearchstore", "sources"],
  ["bitop", "sources"],
]);

/** The keys a command looks up as reads, each as many times as the server does. */
function readLookups(def: CommandDef, args: Buffer[]): Buffer[] {
  if (SILENT_READS.has(def.name)) return [];
  if (hasFlag(def, "readonly")) {
    const keys = keysOf(def, args);
    // XREAD looks each stream up twice (once to check its type, once to read).
    return def.name === "xread" ? keys.flatMap((key) => [key, key]) : keys;
  }
  if (def.name === "set") return hasGetOption(args) ? keysOf(def, args) : [];
  const which = WRITES_READING.get(def.name);
  if (which === undefined) return [];
  const keys = keysOf(def, args);
  if (which === "first") return keys.slice(0, 1);
  return which === "sources" ? keys.slice(1) : keys;
}

function hasGetOption(args: Buffer[]): boolean {
  for (let i = 3; i < args.length; i++)
    if ((args[i] as Buffer).toString("latin1").toLowerCase() === "get") return true;
  return false;
}

/**
 * Publishes `keymiss` for each key the command reads that does not exist
 * (an expired key publishes `expired` first, as its lookup expires it).
 * Only called while class m is enabled, so other commands pay nothing.
 */
export function notifyKeyMisses(session: Session, def: CommandDef, args: Buffer[]): void {
  const keys = readLookups(def, args);
  if (keys.length === 0) return;
  const node = session.node;
  const db = node.database(session.db);
  for (const key of keys)
    if (!db.has(key)) node.notifyKeyspaceEvent("m", "keymiss", key, session.db);
}
