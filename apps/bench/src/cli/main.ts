// pnpm bench: starts a local server, runs every (workload, client) pair in its
// own worker process, prints the markdown report, and writes BENCHMARKS.md and
// BENCHMARKS.svg at the repository root.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningTopology, startCluster, startStandalone } from "@petrel/test-servers";
import type { ServerAddress } from "../clients/bench-client.js";
import { aggregate } from "../report/aggregate.js";
import {
  mergeIntoDocument,
  type RunDescription,
  renderGeneratedSection,
} from "../report/document.js";
import { currentLoadAverage, describeEnvironment } from "../report/environment.js";
import { evaluateLaterTargets } from "../report/later-targets.js";
import { renderOpsChart } from "../report/svg-chart.js";
import { evaluateTargets } from "../report/targets.js";
import { executePlan } from "../runner/execute-plan.js";
import { runJobInWorker } from "../runner/fork-worker.js";
import { planRuns } from "../runner/plan.js";
import { parseBenchArguments, usage } from "./arguments.js";
import { profileClient } from "./profile.js";
import { createProgressReporter } from "./progress.js";
import { type RedisBenchmarkResult, runRedisBenchmark } from "./redis-benchmark.js";

const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** Every server process of a topology (a cluster's replicas too: they apply the SETs). */
function nodeAddresses(topology: RunningTopology): ServerAddress[] {
  return topology.description.nodes.map(({ host, port }) => ({ host, port }));
}

async function main(): Promise<void> {
  const options = parseBenchArguments(
    process.argv.slice(2),
    path.join(repositoryRoot, "BENCHMARKS.md"),
  );
  if (options.help) {
    process.stdout.write(usage);
    return;
  }
  process.stderr.write("Starting a local server...\n");
  const server = await startStandalone();
  let cluster: RunningTopology | undefined;
  try {
    const address = server.description.addresses[0];
    if (!address) throw new Error("The test server reported no address");
    process.stderr.write(
      `Server ${server.description.binaries.server} on ${address.host}:${address.port}\n`,
    );

    if (
      [...options.workloads, options.profileWorkload].some(
        (workload) => workload?.server === "cluster",
      )
    ) {
      process.stderr.write("Starting a 6-node cluster...\n");
      cluster = await startCluster();
    }
    const clusterSeed = cluster?.description.addresses[0];

    const profiled = options.clients[0];
    if (options.profileWorkload && profiled) {
      const summary = await profileClient(
        profiled,
        options.profileWorkload,
        options.profileWorkload.server === "cluster" && clusterSeed ? clusterSeed : address,
        options.settings,
      );
      process.stdout.write(`${summary}\n`);
      return;
    }

    let redisBenchmark: RedisBenchmarkResult | undefined;
    const comparedWithRedisBenchmark = ["pipelines-standalone", "mixed-80-20-c100"];
    if (options.workloads.some((workload) => comparedWithRedisBenchmark.includes(workload.id))) {
      redisBenchmark = await runRedisBenchmark(server.description.binaries.server, address);
      process.stderr.write(
        redisBenchmark
          ? `redis-benchmark -t set,get -n 100000 -P 16: ${redisBenchmark.setsPerSec.toFixed(0)} SET/s, ${redisBenchmark.getsPerSec.toFixed(0)} GET/s\n`
          : "redis-benchmark not found beside the server binary\n",
      );
    }

    const loadAverageAtStart = currentLoadAverage();
    const runs = planRuns(options.workloads, options.clients, options.rounds);
    process.stderr.write(`${runs.length} worker runs planned\n`);
    const outcomes = await executePlan(runs, {
      settings: options.settings,
      servers: { standalone: address, cluster: clusterSeed },
      serverNodes: {
        standalone: nodeAddresses(server),
        ...(cluster === undefined ? {} : { cluster: nodeAddresses(cluster) }),
      },
      runJob: runJobInWorker,
      onProgress: createProgressReporter(options.rounds),
    });
    const summaries = aggregate(outcomes, options.workloads, options.clients);
    const run: RunDescription = {
      environment: describeEnvironment(
        options.clients,
        server.description.binaries.server,
        loadAverageAtStart,
      ),
      settings: options.settings,
      rounds: options.rounds,
      quick: options.quick,
    };
    const generated = renderGeneratedSection(run, summaries, evaluateTargets(summaries, outcomes), {
      laterTargets: evaluateLaterTargets(summaries, redisBenchmark, outcomes),
      redisBenchmarkLine: redisBenchmark
        ? `\`redis-benchmark -t set,get -n 100000 -P 16 -q\` against the same standalone server: ${redisBenchmark.setsPerSec.toFixed(0)} SET/s, ${redisBenchmark.getsPerSec.toFixed(0)} GET/s.`
        : undefined,
    });
    process.stdout.write(`\n${generated}\n`);

    if (options.output) {
      const existing = existsSync(options.output)
        ? await readFile(options.output, "utf8")
        : undefined;
      await writeFile(options.output, mergeIntoDocument(existing, generated));
      const chartPath = path.join(path.dirname(options.output), "BENCHMARKS.svg");
      const subtitle = `${run.environment.date}, ${run.environment.cores} cores, Node ${run.environment.node}, ${run.environment.server}`;
      await writeFile(chartPath, renderOpsChart(summaries, subtitle));
      process.stderr.write(`Wrote ${options.output} and ${chartPath}\n`);
    }
    if (outcomes.some((outcome) => outcome.error !== undefined)) process.exitCode = 1;
  } finally {
    await cluster?.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
