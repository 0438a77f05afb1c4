// OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP.

import { arg, define, token } from "./command.js";
import { encodingOf } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { parseInt64 } from "./float.js";
import { lastAccessOf } from "./keyspace.js";
import { array, bulk, integer, NULL_BULK } from "./reply.js";
import type { DataCommand } from "./types.js";

/** The refcount the server reports for its shared small integers. */
const SHARED_REFCOUNT = 2147483647;
const SHARED_INTEGERS = 10000n;

const HELP = [
  "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
  "ENCODING <key>",
  "    Return the kind of internal representation used in order to store the value",
  "    associated with a <key>.",
  "FREQ <key>",
  "    Return the access frequency index of the <key>. The returned integer is",
  "    proportional to the logarithm of the recent access frequency of the key.",
  "IDLETIME <key>",
  "    Return the idle time of the <key>, that is the approximated number of",
  "    seconds elapsed since the last access to the key.",
  "REFCOUNT <key>",
  "    Return the number of references of the value associated with the specified",
  "    <key>.",
  "HELP",
  "    Prints this help.",
];

export const objectCommand: DataCommand = define({
  name: "object",
  arity: -2,
  flags: ["readonly"],
  keys: (args) => (args.length > 2 ? [2] : []),
  run(ctx, args) {
    const sub = token(args[1]);
    const subName = arg(args, 1).toString("latin1");
    if (
      sub !== "HELP" &&
      sub !== "ENCODING" &&
      sub !== "FREQ" &&
      sub !== "IDLETIME" &&
      sub !== "REFCOUNT"
    ) {
      fail(Errors.unknownSubcommand(subName, "object"));
    }
    if (args.length !== (sub === "HELP" ? 2 : 3)) {
      fail(Errors.wrongArity(`object|${subName.toLowerCase()}`));
    }
    if (sub === "HELP") return array(HELP.map((line) => ({ type: "simple", value: line })));
    const key = arg(args, 2);
    const accessed = lastAccessOf(ctx.db, key);
    const entry = ctx.db.get(key);
    if (entry === undefined) return NULL_BULK;
    switch (sub) {
      case "ENCODING":
        return bulk(encodingOf(entry));
      case "FREQ":
        return fail(Errors.lfuNotSelected);
      case "IDLETIME":
        return integer(Math.floor((ctx.clock.now() - (accessed ?? ctx.clock.now())) / 1000));
      default: {
        if (entry.type === "string" && entry.value.length <= 5) {
          const value = parseInt64(entry.value);
          if (value !== undefined && value >= 0n && value < SHARED_INTEGERS)
            return integer(SHARED_REFCOUNT);
        }
        return integer(1);
      }
    }
  },
});
