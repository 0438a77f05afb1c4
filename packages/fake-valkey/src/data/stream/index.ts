// The stream group: every top-level stream command, and the subcommands of
// the XGROUP and XINFO containers (which the server's table builds).

import type { DataCommand } from "../types.js";
import { streamClaimCommands } from "./stream-claim.js";
import { streamCommands } from "./stream-commands.js";
import { streamGroupCommands, xgroupSubcommands } from "./stream-groups.js";
import { xinfoSubcommands } from "./stream-info.js";
import { streamReadCommands } from "./stream-read.js";

export const streamDataCommands: readonly DataCommand[] = [
  ...streamCommands,
  ...streamReadCommands,
  ...streamGroupCommands,
  ...streamClaimCommands,
];

export { xgroupSubcommands, xinfoSubcommands };
