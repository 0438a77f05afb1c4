// The data plane: every data command, by lower-case name.

import { buildFakeDataHandlerTable } from "./registry.js";
import type { DataCommand } from "./types.js";

export { createKeyspace } from "./keyspace.js";
export { SortedSet } from "./sorted-set.js";
export type * from "./types.js";

export const fakeDataHandlers: ReadonlyMap<string, DataCommand> = buildFakeDataHandlerTable();
