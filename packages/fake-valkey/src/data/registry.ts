// Collects every data command group into one table keyed by lower-case name.

import { bitfieldCommands } from "./bitfield.js";
import { bitCommands } from "./bits.js";
import { blockingCommands } from "./blocking.js";
import { hashCommands } from "./hashes.js";
import { hyperLogLogCommands } from "./hyperloglog.js";
import { keyCommands } from "./keys.js";
import { listCommands } from "./lists.js";
import { setCommands } from "./sets.js";
import { sortCommands } from "./sort.js";
import { sortedSetAlgebraCommands } from "./sorted-set-algebra.js";
import { rangeCommands } from "./sorted-set-range-commands.js";
import { sortedSetCommands } from "./sorted-sets.js";
import { stringCommands } from "./strings.js";
import type { DataCommand } from "./types.js";

export function commandTable(): ReadonlyMap<string, DataCommand> {
  const table = new Map<string, DataCommand>();
  const groups = [
    stringCommands,
    bitCommands,
    bitfieldCommands,
    sortCommands,
    hyperLogLogCommands,
    keyCommands,
    hashCommands,
    listCommands,
    blockingCommands,
    setCommands,
    sortedSetCommands,
    rangeCommands,
    sortedSetAlgebraCommands,
  ];
  for (const group of groups) {
    for (const command of group) {
      if (table.has(command.name)) throw new Error(`duplicate data command ${command.name}`);
      table.set(command.name, command);
    }
  }
  return table;
}
