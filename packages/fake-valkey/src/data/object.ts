// OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT, the subcommands of the OBJECT
// container the server's table builds.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define } from "./command.js";
import { encodingOf } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";
import { accessPolicyOf, frequencyOf, lastAccessOf, withoutTouching } from "./keyspace.js";
import { bulk, integer, NULL_BULK } from "./reply.js";
import type { DataCommand, DataContext, Entry } from "./types.js";

const LFU_SELECTED =
  "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

/** The refcount the server reports for its shared small integers. */
const SHARED_REFCOUNT = 2147483647;
const SHARED_INTEGERS = 10000n;

function objectSubcommand(
  sub: string,
  reply: (ctx: DataContext, key: Buffer, entry: Entry, accessed: number | undefined) => ReplyFrame,
): DataCommand {
  return define({
    name: `object|${sub}`,
    arity: 3,
    flags: ["readonly"],
    keys: { first: 2, last: 2, step: 1 },
    run(ctx, args) {
      const key = arg(args, 2);
      // OBJECT looks keys up without touching them (access time, LFU counter).
      const accessed = lastAccessOf(ctx.db, key);
      const entry = withoutTouching([ctx.db], () => ctx.db.get(key));
      if (entry === undefined) return NULL_BULK;
      return reply(ctx, key, entry, accessed);
    },
  });
}

/** OBJECT's subcommands (HELP comes with the container, from the server's text). */
export const objectSubcommands: readonly DataCommand[] = [
  objectSubcommand("encoding", (_ctx, _key, entry) => bulk(encodingOf(entry))),
  objectSubcommand("freq", (ctx, key) =>
    accessPolicyOf(ctx.db)?.lfu === true
      ? integer(frequencyOf(ctx.db, key))
      : fail(Errors.lfuNotSelected),
  ),
  objectSubcommand("idletime", (ctx, _key, _entry, accessed) => {
    if (accessPolicyOf(ctx.db)?.lfu === true) fail(LFU_SELECTED);
    return integer(Math.floor((ctx.clock.now() - (accessed ?? ctx.clock.now())) / 1000));
  }),
  objectSubcommand("refcount", (_ctx, _key, entry) => {
    if (entry.type === "string" && entry.value.length <= 5) {
      const value = parseInt64(entry.value);
      if (value !== undefined && value >= 0n && value < SHARED_INTEGERS)
        return integer(SHARED_REFCOUNT);
    }
    return integer(1);
  }),
];
