// Step 7: OpenTelemetry, started before step 1 with a file:// endpoint;
// here it is flushed and the file summarised.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OpenTelemetry } from "petrel/otel";
import type { StepRecorder } from "../report.js";

export interface TelemetrySink {
  /** The signals file, or undefined when OpenTelemetry was already set up by someone else. */
  readonly file: string | undefined;
}

/** Starts exporting every command's span, and the metrics, to a temporary file. */
export function startTelemetry(): TelemetrySink {
  if (OpenTelemetry.isInitialized()) return { file: undefined };
  const file = join(mkdtempSync(join(tmpdir(), "petrel-demo-otel-")), "signals.json");
  OpenTelemetry.init({
    traces: { endpoint: pathToFileURL(file).href, samplePercentage: 100 },
    metrics: { endpoint: pathToFileURL(file).href },
    flushIntervalMs: 60_000,
  });
  return { file };
}

interface SignalLine {
  signal?: string;
  name?: string;
  status?: { code?: number };
  dataPoints?: { value?: unknown }[];
}

function pointTotal(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "object" && value !== null && "count" in value)
    return Number((value as { count: unknown }).count);
  return 0;
}

export async function telemetryStep(step: StepRecorder, sink: TelemetrySink): Promise<void> {
  if (sink.file === undefined) {
    step.skip("OpenTelemetry was already initialised in this process");
    return;
  }
  await OpenTelemetry.forceFlush();
  const lines = readFileSync(sink.file, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as SignalLine);
  const spans = lines.filter((line) => line.signal === "span");
  const byName = new Map<string, number>();
  for (const span of spans) byName.set(span.name ?? "?", (byName.get(span.name ?? "?") ?? 0) + 1);
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const errors = spans.filter((span) => span.status?.code === 2).length;
  step.line(`file: ${sink.file}`);
  step.line(`${spans.length} spans (${errors} with an error status); most frequent:`);
  step.line(`  ${top.map(([name, count]) => `${name} ×${count}`).join(", ")}`);
  // Cumulative metrics: the last export of each name holds the totals.
  const metrics = new Map<string, number>();
  for (const line of lines.filter((l) => l.signal === "metric"))
    metrics.set(
      line.name ?? "?",
      (line.dataPoints ?? []).reduce((sum, point) => sum + pointTotal(point.value), 0),
    );
  step.line(
    `metrics: ${[...metrics.entries()].map(([name, total]) => `${name}=${total}`).join(", ")}`,
  );
  step.fact("spans", spans.length);
  step.fact("spanNames", Object.fromEntries(byName));
  step.fact("metrics", Object.fromEntries(metrics));
}
