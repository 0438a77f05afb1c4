// MONITOR: the connection receives every command the node runs (see
// ../monitor.ts for the line format) until it sends RESET or closes.

import type { CommandDef } from "../command-table.js";
import { error, OK } from "../frames.js";

export const monitorCommand: CommandDef = {
  name: "monitor",
  arity: 1,
  flags: [],
  group: "server",
  run(session) {
    // Inside EXEC a client may not block, and a monitor is a stream of replies.
    if (session.node.executingName === "exec")
      return error("ERR MONITOR isn't allowed for DENY BLOCKING client");
    const monitors = session.node.monitors;
    // Already monitoring: the server ignores the command, without a reply.
    if (monitors.has(session)) return { frames: [] };
    monitors.add(session);
    return OK;
  },
};
