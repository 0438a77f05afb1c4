// SLOWLOG and LATENCY: the fake's own command timings (see ../slowlog.ts).

import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { error, integer, OK, verbatim } from "../frames.js";
import { latin1 } from "./client-subcommand.js";

const COUNT_ERROR = "ERR count should be greater than or equal to -1";

const slowlogGet: CommandDef = {
  name: "slowlog|get",
  arity: -2,
  flags: [],
  group: "server",
  run(session, args) {
    let count = 10;
    if (args.length > 3)
      return error(
        `ERR unknown subcommand or wrong number of arguments for '${latin1(args[1])}'. Try SLOWLOG HELP.`,
      );
    if (args.length === 3) {
      const given = parseInt64(args[2] as Buffer);
      if (given === undefined || given < -1n) return error(COUNT_ERROR);
      count = Number(given);
    }
    return session.node.timings.slowlog(count);
  },
};

const slowlogLen: CommandDef = {
  name: "slowlog|len",
  arity: 2,
  flags: [],
  group: "server",
  run: (session) => integer(session.node.timings.slowlogLength),
};

const slowlogReset: CommandDef = {
  name: "slowlog|reset",
  arity: 2,
  flags: [],
  group: "server",
  run(session) {
    session.node.timings.resetSlowlog();
    return OK;
  },
};

const latencyLatest: CommandDef = {
  name: "latency|latest",
  arity: 2,
  flags: [],
  group: "server",
  run: (session) => session.node.timings.latest(),
};

const latencyHistory: CommandDef = {
  name: "latency|history",
  arity: 3,
  flags: [],
  group: "server",
  run: (session, args) => session.node.timings.history(latin1(args[2])),
};

const latencyReset: CommandDef = {
  name: "latency|reset",
  arity: -2,
  flags: [],
  group: "server",
  run: (session, args) => integer(session.node.timings.resetLatency(args.slice(2).map(latin1))),
};

const DISABLED_REPORT =
  "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";

const NO_SPIKES_REPORT =
  "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sleep tonight.\n";

const latencyDoctor: CommandDef = {
  name: "latency|doctor",
  arity: 2,
  flags: [],
  group: "server",
  run(session) {
    const node = session.node;
    if (node.config.getNumber("latency-monitor-threshold") === 0) return verbatim(DISABLED_REPORT);
    if (!node.timings.hasLatencySamples) return verbatim(NO_SPIKES_REPORT);
    // The server's full analysis is not modelled: the samples are in LATENCY LATEST/HISTORY.
    return verbatim(
      "Dave, I have observed latency spikes in this Redis instance. See LATENCY LATEST.\n",
    );
  },
};

export const slowlogCommand: CommandDef = container("slowlog", "server", [
  slowlogGet,
  slowlogLen,
  slowlogReset,
]);

export const latencyCommand: CommandDef = container("latency", "server", [
  latencyLatest,
  latencyHistory,
  latencyReset,
  latencyDoctor,
]);
