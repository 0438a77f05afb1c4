// Collects every data command group into one table keyed by lower-case name,
// each command with the COMMAND DOCS group of the file that defines it.

import { bitfieldCommands } from "./bitfield.js";
import { bitCommands } from "./bits.js";
import { blockingCommands } from "./blocking.js";
import { geoCommands } from "./geo/geo-commands.js";
import { geoSearchCommands } from "./geo/geo-search.js";
import { hashCommands } from "./hashes.js";
import { hyperLogLogCommands } from "./hyperloglog.js";
import { keyCommands } from "./keys.js";
import { listCommands } from "./lists.js";
import { setCommands } from "./sets.js";
import { sortCommands } from "./sort.js";
import { sortedSetAlgebraCommands } from "./sorted-set-algebra.js";
import { rangeCommands } from "./sorted-set-range-commands.js";
import { sortedSetCommands } from "./sorted-sets.js";
import { streamDataCommands } from "./stream/index.js";
import { stringCommands } from "./strings.js";
import type { DataCommand } from "./types.js";

/** Each file's commands and their COMMAND DOCS group. */
const FILES: readonly (readonly [readonly DataCommand[], string])[] = [
  [stringCommands, "string"],
  [bitCommands, "bitmap"],
  [bitfieldCommands, "bitmap"],
  [sortCommands, "generic"],
  [hyperLogLogCommands, "hyperloglog"],
  [keyCommands, "generic"],
  [hashCommands, "hash"],
  [listCommands, "list"],
  [setCommands, "set"],
  [sortedSetCommands, "sorted-set"],
  [rangeCommands, "sorted-set"],
  [sortedSetAlgebraCommands, "sorted-set"],
  [streamDataCommands, "stream"],
  [geoCommands, "geo"],
  [geoSearchCommands, "geo"],
  // BZPOPMIN, BZPOPMAX and BZMPOP name their own group.
  [blockingCommands, "list"],
];

export function commandTable(): ReadonlyMap<string, DataCommand> {
  const table = new Map<string, DataCommand>();
  const add = (command: DataCommand, group: string) => {
    if (table.has(command.name)) throw new Error(`duplicate data command ${command.name}`);
    table.set(command.name, command.group === undefined ? { ...command, group } : command);
  };
  for (const [commands, group] of FILES) for (const command of commands) add(command, group);
  return table;
}
