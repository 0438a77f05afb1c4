// DUMP and RESTORE: a key's value serialized in the server's RDB format
// (src/rdb/value.ts) inside the payload envelope, so payloads cross between
// the fake and a real server.

import { arg, define, intArg, oneKey, token } from "../data/command.js";
import { Errors, fail } from "../data/errors.js";
import { accessPolicyOf, restoreAccess } from "../data/keyspace.js";
import { bulk, NULL_BULK, OK } from "../data/reply.js";
import type { DataCommand, Entry, Keyspace } from "../data/types.js";
import { openPayload, sealPayload } from "./payload.js";
import { readValue, writeValue } from "./value.js";

const BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";

interface RestoreOptions {
  readonly replace: boolean;
  readonly absolute: boolean;
  /** IDLETIME in seconds; FREQ. At most one of them, as on the server. */
  readonly idleSeconds?: number;
  readonly frequency?: number;
}

/** RESTORE's options after the payload. */
function restoreOptions(args: Buffer[]): RestoreOptions {
  let replace = false;
  let absolute = false;
  let idleSeconds: number | undefined;
  let frequency: number | undefined;
  for (let i = 4; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "REPLACE") replace = true;
    else if (option === "ABSTTL") absolute = true;
    else if (option === "IDLETIME" && i + 1 < args.length && frequency === undefined) {
      idleSeconds = intArg(arg(args, ++i));
      if (idleSeconds < 0) fail("ERR Invalid IDLETIME value, must be >= 0");
    } else if (option === "FREQ" && i + 1 < args.length && idleSeconds === undefined) {
      frequency = intArg(arg(args, ++i));
      if (frequency < 0 || frequency > 255) fail("ERR Invalid FREQ value, must be >= 0 and <= 255");
    } else fail(Errors.syntax);
  }
  return {
    replace,
    absolute,
    ...(idleSeconds === undefined ? {} : { idleSeconds }),
    ...(frequency === undefined ? {} : { frequency }),
  };
}

/** IDLETIME applies under an LRU policy, FREQ under an LFU one; the other is ignored, as on the server. */
function applyAccess(db: Keyspace, key: Buffer, options: RestoreOptions): void {
  const lfu = accessPolicyOf(db)?.lfu === true;
  if (lfu && options.frequency !== undefined)
    restoreAccess(db, key, { frequency: options.frequency });
  if (!lfu && options.idleSeconds !== undefined)
    restoreAccess(db, key, { idleMs: options.idleSeconds * 1000 });
}

const restoreCommand: DataCommand = define({
  name: "restore",
  group: "generic",
  arity: -4,
  flags: ["write", "denyoom"],
  keys: oneKey,
  run(ctx, args) {
    const key = arg(args, 1);
    const options = restoreOptions(args);
    const { replace, absolute } = options;
    let ttl = intArg(arg(args, 2));
    if (ttl < 0) fail("ERR Invalid TTL value, must be >= 0");
    if (!replace && ctx.db.get(key) !== undefined) fail("BUSYKEY Target key name already exists.");
    const payload = arg(args, 3);
    if (openPayload(payload) === undefined) fail(BAD_PAYLOAD);
    // As on the server, the value is read from the whole payload: a value
    // running into the footer is read from its bytes.
    const value = readValue(payload);
    if (value === undefined) fail("ERR Bad data format");
    const now = ctx.clock.now();
    if (ttl > 0 && !absolute) ttl += now;
    if (ttl > 0 && ttl <= now) {
      // Already expired: nothing is created, and a replaced key is gone.
      if (replace && ctx.db.delete(key)) ctx.notify?.("g", "del", key);
      return OK;
    }
    const entry = (ttl > 0 ? { ...value, expiresAt: ttl } : value) as Entry;
    ctx.db.put(key, entry);
    applyAccess(ctx.db, key, options);
    ctx.notify?.("g", "restore", key);
    return OK;
  },
});

export const fakeDumpHandlers: readonly DataCommand[] = [
  define({
    name: "dump",
    group: "generic",
    arity: 2,
    flags: ["readonly"],
    keys: oneKey,
    run(ctx, args) {
      const entry = ctx.db.get(arg(args, 1));
      if (entry === undefined) return NULL_BULK;
      return bulk(sealPayload(writeValue(entry)));
    },
  }),
  restoreCommand,
  // What MIGRATE sends a node importing the slot: RESTORE, routed as after ASKING.
  { ...restoreCommand, name: "restore-asking" },
];
