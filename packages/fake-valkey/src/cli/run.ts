// What the CLI does, apart from process handling: start what the arguments ask
// for and print one line per node.

import { startCluster } from "../control/cluster.js";
import type { Deployment } from "../control/deployment.js";
import { startStandalone } from "../control/standalone.js";
import { parseArguments, USAGE } from "./arguments.js";

/** Starts the deployment described by `argv`; undefined for `--help`. */
export async function runCli(
  argv: readonly string[],
  write: (line: string) => void,
): Promise<Deployment | undefined> {
  const plan = parseArguments(argv);
  if (plan.mode === "help") {
    write(USAGE);
    return undefined;
  }
  const common = {
    ...(plan.password === undefined ? {} : { password: plan.password }),
    ...(plan.seed === undefined ? {} : { seed: plan.seed }),
  };
  if (plan.mode === "cluster") {
    const cluster = await startCluster({
      shards: plan.shards,
      replicas: plan.replicas,
      ...(plan.port === undefined ? {} : { basePort: plan.port }),
      ...common,
    });
    for (const node of cluster.nodes) {
      const record = cluster.topology.node(node.id);
      write(`${record.role} ${node.address} shard=${record.shard} id=${node.id}`);
    }
    write("ready");
    return cluster;
  }
  const standalone = await startStandalone({
    replicas: plan.replicas,
    ...(plan.port === undefined ? {} : { port: plan.port }),
    ...common,
  });
  write(`primary ${standalone.primary.address}`);
  for (const replica of standalone.replicas) write(`replica ${replica.address}`);
  write("ready");
  return standalone;
}
