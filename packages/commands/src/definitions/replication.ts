// Replication control (standalone): FAILOVER, REPLICAOF.
import type { Command, CommandArg } from "../command.js";
import type { FailoverOptions } from "../options/server.js";
import { positional } from "../positional.js";
import { toOk } from "../replies/scalars.js";
import { command, defineSpec } from "../spec.js";

const FAILOVER = /* @__PURE__ */ defineSpec<"OK">("FailOver", toOk);
const REPLICAOF = /* @__PURE__ */ defineSpec<"OK">("ReplicaOf", toOk);

export const failover = (options?: FailoverOptions): Command<"OK"> => {
  const args: CommandArg[] = ["FAILOVER"];
  // As GLIDE: ABORT alone, else TO/FORCE/TIMEOUT; the server judges the combination.
  if (options?.abort) args.push("ABORT");
  else {
    if (options?.to) {
      args.push("TO", options.to.host, options.to.port);
      if (options.to.force) args.push("FORCE");
    }
    if (options?.timeoutMs !== undefined) args.push("TIMEOUT", options.timeoutMs);
  }
  return command(FAILOVER, args);
};

export const replicaof: (host: string, port: number) => Command<"OK"> = /* @__PURE__ */ positional(
  REPLICAOF,
  2,
);

export const replicaofNoOne = (): Command<"OK"> => command(REPLICAOF, ["REPLICAOF", "NO", "ONE"]);

export const replicationStandaloneCommands = { failover, replicaof, replicaofNoOne };
