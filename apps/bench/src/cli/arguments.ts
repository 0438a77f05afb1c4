// Command-line options of the bench app.
import { parseArgs } from "node:util";
import { type ClientEntry, clientRegistry, findClient } from "../clients/registry.js";
import { pairedSamplesPerRound, withOtelPairs } from "../workloads/otel-overhead.js";
import { findWorkload, workloadRegistry } from "../workloads/registry.js";
import type { RunSettings, Workload } from "../workloads/workload.js";

export interface BenchOptions {
  quick: boolean;
  rounds: number;
  settings: RunSettings;
  clients: ClientEntry[];
  workloads: Workload[];
  /** Where BENCHMARKS.md goes; the SVG is written beside it. undefined: do not write. */
  output: string | undefined;
  /** Profile the first selected client on this workload with --cpu-prof instead of comparing. */
  profileWorkload: Workload | undefined;
  help: boolean;
}

/** Every row issue 19 asks for (its peers come from the client list). */
export const issue19Workloads: readonly string[] = [
  "sequential-get",
  "mixed-80-20-c100",
  "mixed-80-20-c1000",
  "large-values-64k",
  "large-values-64k-bytes",
  "cluster-mixed-80-20-c100",
  "cluster-mget-10-c1",
  "otel-absent",
  "otel-sample-0",
  "memory-idle",
  "memory-c1000",
  "memory-cluster",
];

export const usage = `Usage: pnpm bench [-- options]

  --quick              about one minute: 1 round, 300 ms warm-up, 1 s per run (not written unless --write)
  --rounds N           rounds, alternating the client order (default 3)
  --warmup MS          untimed warm-up per run (default 500)
  --duration MS        measured time per run (default 1500)
  --clients a,b        subset of: ${clientRegistry.map((client) => client.id).join(", ")}
  --workloads a,b      subset of: ${workloadRegistry.map((workload) => workload.id).join(", ")}
  --otel-pairs N       paired otel-absent / otel-sample-0 runs per round (default ${pairedSamplesPerRound})
  --output FILE        markdown report path (default: BENCHMARKS.md at the repository root)
  --write / --no-write force or skip writing the report and BENCHMARKS.svg
  --issue19            issue 19's rows only (${issue19Workloads.join(", ")}),
                       every client, 3 rounds: about 12.5 minutes; writes the report unless --no-write
  --profile WORKLOAD   run the first selected client (default Petrel) alone on WORKLOAD
                       with --cpu-prof and print where its CPU time goes
  --help               this text
`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} needs a positive integer, got "${text}"`);
  }
  return value;
}

function list(text: string | undefined): string[] | undefined {
  return text
    ?.split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function parseBenchArguments(argv: readonly string[], defaultOutput: string): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      rounds: { type: "string" },
      warmup: { type: "string" },
      duration: { type: "string" },
      clients: { type: "string" },
      workloads: { type: "string" },
      output: { type: "string" },
      "otel-pairs": { type: "string" },
      write: { type: "boolean" },
      "no-write": { type: "boolean" },
      profile: { type: "string" },
      issue19: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const write = values["no-write"] === true ? false : (values.write ?? !quick);
  const otelPairs = positiveInteger("otel-pairs", values["otel-pairs"], pairedSamplesPerRound);
  return {
    quick,
    rounds: positiveInteger("rounds", values.rounds, quick ? 1 : 3),
    settings: {
      warmupMs: positiveInteger("warmup", values.warmup, quick ? 300 : 500),
      durationMs: positiveInteger("duration", values.duration, quick ? 1000 : 1500),
    },
    clients: list(values.clients)?.map(findClient) ?? [...clientRegistry],
    workloads: (
      list(values.workloads)?.map(findWorkload) ??
      (values.issue19 === true ? issue19Workloads.map(findWorkload) : [...workloadRegistry])
    ).map((workload) => withOtelPairs(workload, otelPairs)),
    output: write ? (values.output ?? defaultOutput) : undefined,
    profileWorkload: values.profile === undefined ? undefined : findWorkload(values.profile),
    help: values.help === true,
  };
}
