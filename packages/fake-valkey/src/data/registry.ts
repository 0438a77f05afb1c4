// Collects every data command group into one table keyed by lower-case name,
// each command with the COMMAND DOCS group of the file that defines it.

import { fakeDumpHandlers } from "../rdb/commands.js";
import { fakeBitfieldHandlers } from "./bitfield.js";
import { fakeBitHandlers } from "./bits.js";
import { fakeBlockingHandlers } from "./blocking.js";
import { fakeGeoHandlers } from "./geo/geo-commands.js";
import { fakeGeoSearchHandlers } from "./geo/geo-search.js";
import { fakeHashHandlers } from "./hashes.js";
import { fakeHyperLogLogHandlers } from "./hyperloglog.js";
import { fakeKeyHandlers } from "./keys.js";
import { fakeListHandlers } from "./lists.js";
import { fakeSetHandlers } from "./sets.js";
import { fakeSortHandlers } from "./sort.js";
import { fakeSortedSetAlgebraHandlers } from "./sorted-set-algebra.js";
import { fakeRangeHandlers } from "./sorted-set-range-commands.js";
import { fakeSortedSetHandlers } from "./sorted-sets.js";
import { fakeStreamDataHandlers } from "./stream/index.js";
import { fakeStringHandlers } from "./strings.js";
import type { DataCommand } from "./types.js";

/** Each file's commands and their COMMAND DOCS group. */
const FILES: readonly (readonly [readonly DataCommand[], string])[] = [
  [fakeStringHandlers, "string"],
  [fakeBitHandlers, "bitmap"],
  [fakeBitfieldHandlers, "bitmap"],
  [fakeSortHandlers, "generic"],
  [fakeHyperLogLogHandlers, "hyperloglog"],
  [fakeKeyHandlers, "generic"],
  [fakeDumpHandlers, "generic"],
  [fakeHashHandlers, "hash"],
  [fakeListHandlers, "list"],
  [fakeSetHandlers, "set"],
  [fakeSortedSetHandlers, "sorted-set"],
  [fakeRangeHandlers, "sorted-set"],
  [fakeSortedSetAlgebraHandlers, "sorted-set"],
  [fakeStreamDataHandlers, "stream"],
  [fakeGeoHandlers, "geo"],
  [fakeGeoSearchHandlers, "geo"],
  // BZPOPMIN, BZPOPMAX and BZMPOP name their own group.
  [fakeBlockingHandlers, "list"],
];

export function buildFakeDataHandlerTable(): ReadonlyMap<string, DataCommand> {
  const table = new Map<string, DataCommand>();
  const add = (command: DataCommand, group: string) => {
    if (table.has(command.name)) throw new Error(`duplicate data command ${command.name}`);
    table.set(command.name, command.group === undefined ? { ...command, group } : command);
  };
  for (const [commands, group] of FILES) for (const command of commands) add(command, group);
  return table;
}
