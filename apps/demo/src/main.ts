#!/usr/bin/env node
// petrel-demo: runs the story against the embedded fake cluster, or against a
// real server given on the command line, and exits non-zero if a step failed.
import { GlideClient } from "petrel";
import { type DemoArgs, parseArgs, usage } from "./args.js";
import { runStory } from "./story.js";
import { type Mode, realTarget, startFakeTarget, type Target } from "./target.js";

async function targetFor(args: Exclude<DemoArgs, { kind: "help" }>): Promise<Target> {
  if (args.kind === "fake") return startFakeTarget();
  return realTarget(args.mode, args.address);
}

/** A bare address: ask the server whether it runs in cluster mode. */
async function detectMode(address: string): Promise<Mode> {
  const probe = await GlideClient.createClient(realTarget("standalone", address).config);
  try {
    const info = String(await probe.info());
    return /cluster_enabled:1/.test(info) ? "cluster" : "standalone";
  } finally {
    probe.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let args: DemoArgs;
  try {
    const bare = argv.length === 1 && !(argv[0] as string).startsWith("-");
    args = bare
      ? { kind: "real", mode: await detectMode(argv[0] as string), address: argv[0] as string }
      : parseArgs(argv);
  } catch (error) {
    console.error(`petrel-demo: ${error instanceof Error ? error.message : String(error)}\n`);
    console.error(usage);
    return 2;
  }
  if (args.kind === "help") {
    console.log(usage);
    return 0;
  }
  const target = await targetFor(args);
  console.log(`Petrel demo against the ${target.label}`);
  try {
    const reports = await runStory(target, (line) => console.log(line));
    const failed = reports.filter((report) => report.failed !== undefined);
    const skipped = reports.filter((report) => report.skipped !== undefined);
    console.log("");
    console.log(
      `${reports.length - failed.length - skipped.length} steps passed, ` +
        `${skipped.length} skipped, ${failed.length} failed`,
    );
    return failed.length === 0 ? 0 : 1;
  } finally {
    await target.stop();
  }
}

// `pnpm demo -- --cluster …` passes the "--" through.
const argv = process.argv.slice(2);
main(argv[0] === "--" ? argv.slice(1) : argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
