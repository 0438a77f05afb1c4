// HDEL, SREM and ZREM: the same removal over a hash, a set or a sorted set.

import {
  arg,
  define,
  latin1,
  oneKey,
  readHash,
  readSet,
  readZset,
  storeCollection,
} from "./command.js";
import { integer } from "./reply.js";
import type { DataCommand, Keyspace } from "./types.js";

const readers = { hash: readHash, set: readSet, zset: readZset } as const;
/** The notification class of each collection type. */
const EVENT_CLASS = { hash: "h", set: "s", zset: "z" } as const;

type MemberCollection = ReturnType<(typeof readers)[keyof typeof readers]>;

/** `<name> key member…`: deletes the members present, replies with how many were. */
export function removeMembersCommand(name: string, type: keyof typeof readers): DataCommand {
  return define({
    name,
    arity: -3,
    flags: ["write", "fast"],
    keys: oneKey,
    run(ctx, args) {
      const key = arg(args, 1);
      const removed = removeMembers(ctx.db, key, readers[type](ctx.db, key), args.slice(2));
      if (removed > 0) {
        ctx.notify?.(EVENT_CLASS[type], name, key);
        // The last member gone takes the key with it.
        if (!ctx.db.has(key)) ctx.notify?.("g", "del", key);
      }
      return integer(removed);
    },
  });
}

function removeMembers(
  db: Keyspace,
  key: Buffer,
  entry: MemberCollection,
  members: Buffer[],
): number {
  if (entry === undefined) return 0;
  let removed = 0;
  for (const member of members) if (entry.value.delete(latin1(member))) removed++;
  if (removed > 0) storeCollection(db, key, entry);
  return removed;
}
