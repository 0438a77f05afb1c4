#!/usr/bin/env node
// `petrel-fake-valkey`: starts a fake standalone server or cluster, prints the
// node addresses and runs until SIGINT or SIGTERM.

import { runCli } from "./run.js";

runCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
  (deployment) => {
    if (deployment === undefined) return;
    const shutdown = () => {
      deployment.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  },
  (failure: unknown) => {
    process.stderr.write(
      `petrel-fake-valkey: ${failure instanceof Error ? failure.message : String(failure)}\n`,
    );
    process.exit(2);
  },
);
