// Runs one CLI invocation: parses arguments and starts the requested topology.
import { startCluster } from "../topology/cluster.js";
import type { RunningTopology } from "../topology/running-topology.js";
import { startStandalone } from "../topology/standalone.js";
import { parseCliArguments, usage } from "./arguments.js";

/** Returns the started topology, or undefined when only help was printed. */
export async function runCli(argv: readonly string[]): Promise<RunningTopology | undefined> {
  const command = parseCliArguments(argv);
  switch (command.kind) {
    case "help":
      console.log(usage);
      return undefined;
    case "standalone":
      return startStandalone(command.options);
    case "cluster":
      return startCluster(command.options);
  }
}
