// BENCHMARKS.md: a generated section between two markers, so re-running the
// app refreshes the numbers and keeps the hand-written analysis around them.
import type { RunSettings } from "../workloads/workload.js";
import type { WorkloadSummary } from "./aggregate.js";
import type { Environment } from "./environment.js";
import { renderAllTables } from "./markdown-table.js";
import { renderTargets, type TargetResult } from "./targets.js";

export const GENERATED_START = "<!-- bench:generated:start -->";
export const GENERATED_END = "<!-- bench:generated:end -->";

export interface RunDescription {
  environment: Environment;
  settings: RunSettings;
  rounds: number;
  quick: boolean;
}

export function renderEnvironment(run: RunDescription): string {
  const { environment, settings } = run;
  const versions = environment.clientVersions
    .map((entry) => `${entry.label} (\`${entry.packageName}\` ${entry.version})`)
    .join(", ");
  return [
    `- Date: ${environment.date}${environment.commit ? `, commit ${environment.commit}` : ""}`,
    `- Machine: ${environment.cores} cores (${environment.cpuModel}), ${environment.memoryGiB} GiB, ${environment.platform}; server and client share the cores; 1-minute load average ${environment.loadAverage.start.toFixed(1)} at the start and ${environment.loadAverage.end.toFixed(1)} at the end of the run`,
    `- Node ${environment.node}; server: ${environment.server}, standalone on 127.0.0.1, no persistence`,
    `- Clients: ${versions}`,
    `- Method: one fresh process per client per workload per round, ${run.rounds} round(s) in alternating client order, medians across rounds; warm-up ${settings.warmupMs} ms, measured ${settings.durationMs} ms per run${run.quick ? " (--quick)" : ""}`,
  ].join("\n");
}

export function renderGeneratedSection(
  run: RunDescription,
  summaries: readonly WorkloadSummary[],
  targets: readonly TargetResult[],
  extra: { laterTargets?: readonly TargetResult[]; redisBenchmarkLine?: string | undefined } = {},
): string {
  return [
    GENERATED_START,
    "## Run",
    "",
    renderEnvironment(run),
    "",
    "![ops/s chart](BENCHMARKS.svg)",
    "",
    "## Results",
    "",
    "Latencies are per request, measured in the client process from call to settled promise. CPU is `process.cpuUsage()` (user + system, all threads) of the client process over the measured window, divided by completed requests. The last column is each client's value divided by the best peer's (\"best peer\" excludes Petrel and the raw-socket floor). The floor is no library: one `socket.write` per request and a minimal reply parser, to show what the loopback round trip and the server alone cost on this machine.",
    "",
    renderAllTables(summaries),
    "",
    ...(extra.redisBenchmarkLine ? [extra.redisBenchmarkLine, ""] : []),
    "## Issue 4 and 19 targets (against a peer in the same table)",
    "",
    renderTargets(targets),
    ...(extra.laterTargets
      ? ["", "## Issue 6, 7, 8, 10 and 19 targets", "", renderTargets(extra.laterTargets)]
      : []),
    GENERATED_END,
  ].join("\n");
}

/** Replaces the generated section of `existing`, or starts a new document around it. */
export function mergeIntoDocument(existing: string | undefined, generated: string): string {
  if (existing !== undefined) {
    const start = existing.indexOf(GENERATED_START);
    const end = existing.indexOf(GENERATED_END);
    if (start !== -1 && end > start) {
      return existing.slice(0, start) + generated + existing.slice(end + GENERATED_END.length);
    }
  }
  return `# Benchmarks\n\nProduced by \`pnpm bench\` (apps/bench).\n\n${generated}\n`;
}
