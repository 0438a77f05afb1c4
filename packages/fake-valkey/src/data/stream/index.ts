// The stream group: every top-level stream command, and the subcommands of
// the XGROUP and XINFO containers (which the server's table builds).

import type { DataCommand } from "../types.js";
import { fakeStreamClaimHandlers } from "./stream-claim.js";
import { fakeStreamHandlers } from "./stream-commands.js";
import { fakeStreamGroupHandlers, xgroupSubcommands } from "./stream-groups.js";
import { xinfoSubcommands } from "./stream-info.js";
import { fakeStreamReadHandlers } from "./stream-read.js";

export const fakeStreamDataHandlers: readonly DataCommand[] = [
  ...fakeStreamHandlers,
  ...fakeStreamReadHandlers,
  ...fakeStreamGroupHandlers,
  ...fakeStreamClaimHandlers,
];

export { xgroupSubcommands, xinfoSubcommands };
