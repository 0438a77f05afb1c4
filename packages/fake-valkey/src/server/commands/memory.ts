// MEMORY USAGE: an estimate of a key's footprint. The fake keeps values as
// JavaScript objects, so the figure is modelled on the server's allocations
// (an object header, the key, and per-element overhead), not measured.

import { arg } from "../../data/command.js";
import { parseInt64 } from "../../data/float.js";
import type { Entry } from "../../data/types.js";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { error, integer, NULL_BULK, SYNTAX_ERROR } from "../frames.js";

/** The key's dictionary entry and object header, as the server allocates them. */
const KEY_OVERHEAD = 40;
/** Per element of a collection: its node or listpack entry header. */
const ELEMENT_OVERHEAD = 16;

/** Estimated bytes a key and its value take on the server. */
export function estimateMemoryUsage(key: Buffer, entry: Entry): number {
  const base = KEY_OVERHEAD + key.length;
  switch (entry.type) {
    case "string":
      return base + entry.value.length;
    case "list":
      return entry.value.reduce((sum, item) => sum + item.length + ELEMENT_OVERHEAD, base);
    case "set":
      return [...entry.value].reduce((sum, item) => sum + item.length + ELEMENT_OVERHEAD, base);
    case "hash": {
      let sum = base;
      for (const [field, value] of entry.value)
        sum += field.length + value.length + ELEMENT_OVERHEAD;
      return sum;
    }
    case "stream":
      return [
        ...entry.value.range({ ms: 0n, seq: 0n }, { ms: 2n ** 64n - 1n, seq: 2n ** 64n - 1n }),
      ].reduce(
        (sum, item) =>
          item.fields.reduce((total, field) => total + field.length, sum + ELEMENT_OVERHEAD),
        base,
      );
    case "zset":
      return entry.value
        .entries()
        .reduce((sum, item) => sum + item.member.length + 8 + ELEMENT_OVERHEAD, base);
  }
}

const usage: CommandDef = {
  name: "memory|usage",
  arity: -3,
  flags: ["readonly"],
  keys: { first: 2, last: 2, step: 1 },
  group: "server",
  run(session, args) {
    // `SAMPLES n` is checked (an integer, not negative) but the estimate reads every element.
    for (let i = 3; i < args.length; i++) {
      if (arg(args, i).toString("latin1").toUpperCase() !== "SAMPLES" || i + 1 >= args.length)
        return SYNTAX_ERROR;
      const samples = parseInt64(arg(args, i + 1));
      if (samples === undefined) return error("ERR value is not an integer or out of range");
      if (samples < 0n) return SYNTAX_ERROR;
      i++;
    }
    const key = arg(args, 2);
    const entry = session.node.database(session.db).get(key);
    return entry === undefined ? NULL_BULK : integer(estimateMemoryUsage(key, entry));
  },
};

export const memoryCommand: CommandDef = container("memory", "server", [usage]);
