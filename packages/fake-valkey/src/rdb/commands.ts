// DUMP and RESTORE: a key's value serialized in the server's RDB format
// (src/rdb/value.ts) inside the payload envelope, so payloads cross between
// the fake and a real server.

import { arg, define, intArg, oneKey, token } from "../data/command.js";
import { Errors, fail } from "../data/errors.js";
import { bulk, NULL_BULK, OK } from "../data/reply.js";
import type { DataCommand, Entry } from "../data/types.js";
import { openPayload, sealPayload } from "./payload.js";
import { readValue, writeValue } from "./value.js";

const BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";

/** RESTORE's options after the payload. */
function restoreOptions(args: Buffer[]): { replace: boolean; absolute: boolean } {
  let replace = false;
  let absolute = false;
  for (let i = 4; i < args.length; i++) {
    const option = token(args[i]);
    if (option === "REPLACE") replace = true;
    else if (option === "ABSTTL") absolute = true;
    else if (option === "IDLETIME" && i + 1 < args.length) {
      // The fake keeps no LRU clock to set: the value is checked, not applied.
      if (intArg(arg(args, ++i)) < 0) fail("ERR Invalid IDLETIME value, must be >= 0");
    } else if (option === "FREQ" && i + 1 < args.length) {
      const frequency = intArg(arg(args, ++i));
      if (frequency < 0 || frequency > 255) fail("ERR Invalid FREQ value, must be >= 0 and <= 255");
    } else fail(Errors.syntax);
  }
  return { replace, absolute };
}

const restoreCommand: DataCommand = define({
  name: "restore",
  group: "generic",
  arity: -4,
  flags: ["write", "denyoom"],
  keys: oneKey,
  run(ctx, args) {
    const key = arg(args, 1);
    const { replace, absolute } = restoreOptions(args);
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
      const value = writeValue(entry);
      if (value === undefined) fail("ERR DUMP of a stream is not supported by the fake");
      return bulk(sealPayload(value));
    },
  }),
  restoreCommand,
  // What MIGRATE sends a node importing the slot: RESTORE, routed as after ASKING.
  { ...restoreCommand, name: "restore-asking" },
];
