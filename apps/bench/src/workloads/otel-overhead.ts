// Issue 8: Petrel's standalone 80/20 c=100 with @petrel/otel not imported, and
// loaded through OpenTelemetry.init with traces to a file:// endpoint at 0% and
// 100% sampling. Each variant is its own worker process (init is once per process).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { mixedGetSet } from "./mixed-get-set.js";
import type { RunSettings, Workload, WorkloadContext } from "./workload.js";

const base = mixedGetSet(100);

/**
 * Absent and 0% are compared pair by pair, and most of a pair's spread comes from
 * one fresh process to the next (JIT, heap layout), not from the length of its window:
 * many short pairs give a tighter confidence interval than a few long ones in the same
 * time. Each run is capped at this (the command line may ask for less).
 */
export const pairedRunSettings: RunSettings = { warmupMs: 300, durationMs: 700 };

/** Paired runs per round (--otel-pairs): 10 over the default 3 rounds gives 30 pairs. */
export const pairedSamplesPerRound = 10;

/** The interleave group of the absent and 0% runs. */
export const OTEL_PAIR_GROUP = "otel-0";

function shortened(context: WorkloadContext): WorkloadContext {
  return {
    ...context,
    settings: {
      warmupMs: Math.min(context.settings.warmupMs, pairedRunSettings.warmupMs),
      durationMs: Math.min(context.settings.durationMs, pairedRunSettings.durationMs),
    },
  };
}

export type OtelVariant = "absent" | 0 | 100;

/**
 * The workload of `variant`, with `pairs` paired runs per round for the absent and 0%
 * variants (100% runs once per round whatever `pairs` is).
 */
export function otelOverhead(variant: OtelVariant, pairs = pairedSamplesPerRound): Workload {
  const label = variant === "absent" ? "plugin absent" : `traces sampled at ${variant}%`;
  const pairing = `${pairs} runs per round, each ${pairedRunSettings.warmupMs} ms warm-up and ${pairedRunSettings.durationMs} ms measured, alternating with the ${variant === "absent" ? "0%" : "absent"} runs`;
  return {
    ...base,
    id: variant === "absent" ? "otel-absent" : `otel-sample-${variant}`,
    title: `OTel overhead: 80/20 c=100, ${label}`,
    description:
      variant === "absent"
        ? `Petrel only: the 80/20 c=100 workload with @petrel/otel never imported; ${pairing}.`
        : `Petrel only: @petrel/otel loaded and OpenTelemetry.init called with traces to a file:// endpoint in a temp directory, samplePercentage ${variant}, before connecting; then the 80/20 c=100 workload${variant === 0 ? `; ${pairing}` : ""}.`,
    clients: ["petrel"],
    // Absent and 0% alternate run by run and are compared in pairs (report/paired.ts): the
    // difference to show is a few percent, well inside the noise between distant runs.
    ...(variant === 100 ? {} : { interleaveGroup: OTEL_PAIR_GROUP, samplesPerRound: pairs }),
    async run(given) {
      const context = variant === 100 ? given : shortened(given);
      if (variant === "absent") return base.run(context);
      const directory = await mkdtemp(path.join(tmpdir(), "petrel-bench-otel-"));
      try {
        const { OpenTelemetry } = await import("@petrel/otel");
        OpenTelemetry.init({
          traces: {
            endpoint: `file://${path.join(directory, "spans.json")}`,
            samplePercentage: variant,
          },
        });
        try {
          return await base.run(context);
        } finally {
          // Flushes the exporter, so nothing writes into the directory while it is removed.
          await OpenTelemetry.shutdown();
        }
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

/** `workload` with `pairs` runs per round if it is one of the paired OTel variants. */
export function withOtelPairs(workload: Workload, pairs: number): Workload {
  if (workload.interleaveGroup !== OTEL_PAIR_GROUP) return workload;
  return otelOverhead(workload.id === "otel-absent" ? "absent" : 0, pairs);
}
