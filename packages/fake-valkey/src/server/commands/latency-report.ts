// LATENCY HISTOGRAM and LATENCY GRAPH from the fake's own timings, in the
// server's shapes: per-command histograms in power-of-two buckets from 1024 ns
// (each bucket reported by the highest value an HDR histogram with 2
// significant figures files in it, as latency.c reports), and the event
// graph drawn as the server's sparkline (4 rows, 80 columns, filled).

import type { ReplyFrame } from "@petrel/protocol";
import type { CommandDef } from "../command-table.js";
import { error, integer, record, verbatim } from "../frames.js";
import type { Session } from "../session.js";
import { latin1 } from "./client-subcommand.js";

/** Buckets 1024 ns × 2^k, up to the server's 1 s ceiling. */
const BUCKETS = 21;
const FIRST_BUCKET_NS = 1024;
/** HDR sub-bucket resolution for 2 significant figures: a value 2^m is filed with 2^(m-7) others. */
const SUB_BUCKET_SHIFT = 7;

function bucketTop(index: number): number {
  const low = FIRST_BUCKET_NS * 2 ** index;
  return low + low / 2 ** SUB_BUCKET_SHIFT - 1;
}

/** Per-command latency histograms (LATENCY HISTOGRAM). */
export class LatencyHistograms {
  private readonly counts = new Map<string, number[]>();

  record(name: string, micros: number): void {
    const ns = Math.max(1, micros * 1000);
    let index = 0;
    while (index < BUCKETS - 1 && ns > bucketTop(index)) index++;
    let buckets = this.counts.get(name);
    if (buckets === undefined) {
      buckets = new Array<number>(BUCKETS).fill(0);
      this.counts.set(name, buckets);
    }
    buckets[index] = (buckets[index] as number) + 1;
  }

  /** The names with at least one call: all (`undefined`), or those asked for (a container names its subcommands). */
  names(asked: readonly string[] | undefined): string[] {
    if (asked === undefined) return [...this.counts.keys()];
    const out: string[] = [];
    for (const name of asked) {
      if (this.counts.has(name) && !out.includes(name)) out.push(name);
      for (const known of this.counts.keys())
        if (known.startsWith(`${name}|`) && !out.includes(known)) out.push(known);
    }
    return out;
  }

  reply(name: string): ReplyFrame {
    const buckets = this.counts.get(name) ?? [];
    let calls = 0;
    const cumulative: [string, ReplyFrame][] = [];
    buckets.forEach((count, index) => {
      if (count === 0) return;
      calls += count;
      cumulative.push([String(Math.floor(bucketTop(index) / 1000)), integer(calls)]);
    });
    const histogram: ReplyFrame = {
      type: "map",
      value: cumulative.map(([bucket, total]) => [integer(Number(bucket)), total] as const),
    };
    return record([
      ["calls", integer(calls)],
      ["histogram_usec", histogram],
    ]);
  }

  reset(): void {
    this.counts.clear();
  }
}

const histogram: CommandDef = {
  name: "latency|histogram",
  arity: -2,
  flags: [],
  group: "server",
  run(session, args) {
    const histograms = session.node.timings.histograms;
    const asked = args.slice(2).map((value) => latin1(value).toLowerCase());
    const names =
      asked.length === 0
        ? histograms.names(undefined)
        : histograms.names(
            asked.filter((name) => session.node.commands.has(name.split("|")[0] as string)),
          );
    return record(names.map((name) => [name, histograms.reply(name)]));
  },
};

const GRAPH_COLUMNS = 80;
const GRAPH_ROWS = 4;
const CHARSET_FILL = "_o#";

/** How long ago a sample was taken, as the graph labels it. */
function elapsedLabel(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** One chunk of up to 80 samples: 4 rows of bars, a blank row, then the labels downwards. */
function renderRange(
  values: readonly number[],
  labels: readonly string[],
  min: number,
  max: number,
): string {
  const steps = CHARSET_FILL.length * GRAPH_ROWS;
  const range = max - min === 0 ? 1 : max - min;
  const lines: string[] = [];
  for (let row = 0; row < GRAPH_ROWS; row++) {
    let line = "";
    for (const value of values) {
      const step = Math.min(steps - 1, Math.max(0, Math.trunc(((value - min) * steps) / range)));
      const index = step - (GRAPH_ROWS - row - 1) * CHARSET_FILL.length;
      line += index < 0 ? " " : index < CHARSET_FILL.length ? CHARSET_FILL[index] : "|";
    }
    lines.push(line);
  }
  lines.push(" ".repeat(values.length));
  const longest = Math.max(...labels.map((label) => label.length));
  for (let char = 0; char < longest; char++)
    lines.push(labels.map((label) => label[char] ?? " ").join(""));
  return `${lines.join("\n")}\n`;
}

/** LATENCY GRAPH's text for one event's samples. */
export function latencyGraph(
  event: string,
  samples: readonly { readonly time: number; readonly latency: number }[],
  allTimeMax: number,
  nowSeconds: number,
): string {
  const values = samples.map((sample) => sample.latency);
  const labels = samples.map((sample) => elapsedLabel(nowSeconds - sample.time));
  const min = Math.min(...values);
  const max = Math.max(...values);
  let graph = `${event} - high ${max} ms, low ${min} ms (all time high ${allTimeMax} ms)\n`;
  graph += `${"-".repeat(GRAPH_COLUMNS)}\n`;
  const chunks: string[] = [];
  for (let start = 0; start < values.length; start += GRAPH_COLUMNS)
    chunks.push(
      renderRange(
        values.slice(start, start + GRAPH_COLUMNS),
        labels.slice(start, start + GRAPH_COLUMNS),
        min,
        max,
      ),
    );
  return graph + chunks.join("\n");
}

const graph: CommandDef = {
  name: "latency|graph",
  arity: 3,
  flags: [],
  group: "server",
  run(session: Session, args) {
    const event = latin1(args[2]);
    const samples = session.node.timings.samplesOf(event);
    if (samples === undefined) return error(`ERR No samples available for event '${event}'`);
    return verbatim(
      latencyGraph(
        event,
        samples.samples,
        samples.max,
        Math.floor(session.node.clock.now() / 1000),
      ),
    );
  },
};

export const latencyReportSubcommands: readonly CommandDef[] = [histogram, graph];
