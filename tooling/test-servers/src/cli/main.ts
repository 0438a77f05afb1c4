#!/usr/bin/env node
// `petrel-test-servers standalone|cluster [options]`: starts a topology, prints
// it as JSON, and stops every server on Ctrl-C (SIGINT) or SIGTERM.
import type { RunningTopology } from "../topology/running-topology.js";
import { runCli } from "./run-cli.js";

async function main(): Promise<void> {
  let topology: RunningTopology | undefined;
  try {
    topology = await runCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  }
  if (!topology) return;
  const running = topology;
  console.log(JSON.stringify(running.description, null, 2));
  console.error("servers are up; press Ctrl-C to stop them");
  const shutdown = () => {
    running.stop().then(
      () => console.error(`stopped ${running.pids.length} server(s)`),
      (error: unknown) => {
        console.error(`stop failed: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

await main();
