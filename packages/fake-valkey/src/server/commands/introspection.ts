// Commands redis-server 7.0 lists that only report on the server itself:
// LOLWUT, PFSELFTEST, CONFIG REWRITE (the fake has no config file), and the
// CLUSTER subcommands that describe nodes (REPLICAS/SLAVES,
// COUNT-FAILURE-REPORTS, LINKS) from the shared topology.

import { clusterNodesText } from "../../cluster/topology-replies.js";
import { parseInt64 } from "../../data/float.js";
import type { CommandDef } from "../command-table.js";
import { array, bulk, error, integer, OK, record, verbatim } from "../frames.js";
import type { Session } from "../session.js";
import { latin1 } from "./client-subcommand.js";

const CLUSTER_DISABLED = "ERR This instance has cluster support disabled";

/**
 * LOLWUT [VERSION v]: the server's art is not drawn; every version answers
 * the line the server ends with (all it prints for versions other than 5 and 6).
 */
const lolwut: CommandDef = {
  name: "lolwut",
  arity: -1,
  flags: ["readonly", "fast"],
  group: "server",
  run(session, args) {
    if (args.length >= 3 && latin1(args[1]).toLowerCase() === "version") {
      if (parseInt64(args[2] as Buffer) === undefined)
        return error("ERR value is not an integer or out of range");
    }
    return verbatim(`Redis ver. ${session.node.version.redis}\n`);
  },
};

/** PFSELFTEST: the server checks its HyperLogLog code; the fake's passes by construction. */
const pfselftest: CommandDef = {
  name: "pfselftest",
  arity: 1,
  flags: [],
  group: "hyperloglog",
  run: () => OK,
};

export const configRewrite: CommandDef = {
  name: "config|rewrite",
  arity: 2,
  flags: [],
  group: "server",
  run: () => error("ERR The server is running without a config file"),
};

function clusterSubcommand(
  name: string,
  arity: number,
  run: (
    session: Session,
    args: Buffer[],
    lines: readonly string[][],
  ) => ReturnType<CommandDef["run"]>,
): CommandDef {
  return {
    name: `cluster|${name}`,
    arity,
    flags: [],
    group: "cluster",
    run(session, args) {
      const cluster = session.node.cluster;
      if (cluster === undefined) return error(CLUSTER_DISABLED);
      const lines = clusterNodesText(cluster.topology, session.node.id)
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => line.split(" "));
      return run(session, args, lines);
    },
  };
}

function knownNode(lines: readonly string[][], id: string): string[] | undefined {
  return lines.find((fields) => fields[0] === id);
}

/** CLUSTER REPLICAS / SLAVES <node-id>: the replicas' CLUSTER NODES lines. */
function replicasOf(name: string): CommandDef {
  return clusterSubcommand(name, 3, (_session, args, lines) => {
    const id = latin1(args[2]);
    const node = knownNode(lines, id);
    if (node === undefined) return error(`ERR Unknown node ${id}`);
    if (node[2]?.split(",").includes("slave"))
      return error("ERR The specified node is not a master");
    return array(
      lines.filter((fields) => fields[3] === id).map((fields) => bulk(fields.join(" "))),
    );
  });
}

/** The fake has no cluster bus: LINKS shows one link each way to every other node, idle. */
const links = clusterSubcommand("links", 2, (session, _args, lines) =>
  array(
    lines
      .filter((fields) => fields[0] !== session.node.id)
      .flatMap((fields) =>
        ["to", "from"].map((direction) =>
          record([
            ["direction", bulk(direction)],
            ["node", bulk(fields[0] as string)],
            ["create-time", integer(session.node.clock.now())],
            ["events", bulk(direction === "to" ? "rw" : "r")],
            ["send-buffer-allocated", integer(0)],
            ["send-buffer-used", integer(0)],
          ]),
        ),
      ),
  ),
);

/** No failure detector, so no failure reports. */
const countFailureReports = clusterSubcommand(
  "count-failure-reports",
  3,
  (_session, args, lines) => {
    const id = latin1(args[2]);
    return knownNode(lines, id) === undefined ? error(`ERR Unknown node ${id}`) : integer(0);
  },
);

export const clusterReportSubcommands: readonly CommandDef[] = [
  replicasOf("replicas"),
  replicasOf("slaves"),
  links,
  countFailureReports,
];

export const introspectionCommands: readonly CommandDef[] = [lolwut, pfselftest];
