// SLOWLOG and the latency monitor's samples, recorded from the fake's own
// timings: each command a client runs (and each command EXEC runs, not EXEC
// itself; not the commands a script calls) is timed with the process clock.
// Entries and samples follow the server's slowlog.c and latency.c: at most
// 32 arguments and 128 bytes per argument in an entry, credentials redacted,
// one latency sample per event per second (the highest), 160 kept.

import type { ReplyFrame } from "@petrel/protocol";
import type { CommandDef } from "./command-table.js";
import { hasFlag } from "./command-table.js";
import { LatencyHistograms } from "./commands/latency-report.js";
import { array, bulk, integer } from "./frames.js";
import { shownArguments } from "./monitor.js";

/** Who ran a command, and when (ms since the epoch). */
export interface CommandSource {
  readonly nowMs: number;
  readonly address: string;
  readonly name: string | undefined;
}

const MAX_ARGS = 32;
const MAX_ARG_BYTES = 128;
const LATENCY_SAMPLES = 160;

interface SlowlogEntry {
  readonly id: number;
  readonly time: number;
  readonly micros: number;
  readonly args: readonly Buffer[];
  readonly address: string;
  readonly name: string;
}

interface LatencySample {
  readonly time: number;
  latency: number;
}

interface LatencyEvent {
  readonly samples: LatencySample[];
  max: number;
}

/** The arguments an entry keeps: 31 and a count when there are more than 32, each cut at 128 bytes. */
function keptArguments(args: readonly Buffer[]): Buffer[] {
  const kept = args.length > MAX_ARGS ? args.slice(0, MAX_ARGS - 1) : [...args];
  const trimmed = kept.map((value) =>
    value.length > MAX_ARG_BYTES
      ? Buffer.concat([
          value.subarray(0, MAX_ARG_BYTES),
          Buffer.from(`... (${value.length - MAX_ARG_BYTES} more bytes)`),
        ])
      : value,
  );
  if (args.length > MAX_ARGS)
    trimmed.push(Buffer.from(`... (${args.length - MAX_ARGS + 1} more arguments)`));
  return trimmed;
}

export class CommandTimings {
  private entries: SlowlogEntry[] = [];
  private nextId = 0;
  private readonly events = new Map<string, LatencyEvent>();
  /** LATENCY HISTOGRAM's per-command buckets. */
  readonly histograms = new LatencyHistograms();

  constructor(private readonly threshold: (name: string) => number) {}

  /** Records one command that took `micros` microseconds. */
  record(source: CommandSource, def: CommandDef, args: readonly Buffer[], micros: number): void {
    const nowMs = source.nowMs;
    this.histograms.record(def.name, micros);
    const slower = this.threshold("slowlog-log-slower-than");
    if (slower >= 0 && micros >= slower) {
      this.entries.unshift({
        id: this.nextId++,
        time: Math.floor(nowMs / 1000),
        micros: Math.floor(micros),
        args: keptArguments(shownArguments(def, args)),
        address: source.address,
        name: source.name ?? "",
      });
      const max = this.threshold("slowlog-max-len");
      if (this.entries.length > max) this.entries.length = max;
    }
    const latencyThreshold = this.threshold("latency-monitor-threshold");
    const ms = Math.floor(micros / 1000);
    if (latencyThreshold > 0 && ms >= latencyThreshold)
      this.addSample(hasFlag(def, "fast") ? "fast-command" : "command", nowMs, ms);
  }

  /** SLOWLOG GET: the newest `count` entries (all for -1). */
  slowlog(count: number): ReplyFrame {
    const shown = count < 0 ? this.entries : this.entries.slice(0, count);
    return array(
      shown.map((entry) =>
        array([
          integer(entry.id),
          integer(entry.time),
          integer(entry.micros),
          array(entry.args.map((value) => bulk(value))),
          bulk(entry.address),
          bulk(entry.name),
        ]),
      ),
    );
  }

  get slowlogLength(): number {
    return this.entries.length;
  }

  resetSlowlog(): void {
    this.entries = [];
  }

  /** LATENCY LATEST: `[event, time, latest ms, max ms]` per event. */
  latest(): ReplyFrame {
    return array(
      [...this.events].map(([name, event]) => {
        const last = event.samples[event.samples.length - 1] as LatencySample;
        return array([bulk(name), integer(last.time), integer(last.latency), integer(event.max)]);
      }),
    );
  }

  /** LATENCY HISTORY: `[time, ms]` per sample of one event. */
  history(name: string): ReplyFrame {
    const samples = this.events.get(name)?.samples ?? [];
    return array(samples.map((sample) => array([integer(sample.time), integer(sample.latency)])));
  }

  /** LATENCY RESET: drops the named events (all when none); returns how many existed. */
  resetLatency(names: readonly string[]): number {
    if (names.length === 0) {
      const count = this.events.size;
      this.events.clear();
      return count;
    }
    let count = 0;
    for (const name of names) if (this.events.delete(name)) count++;
    return count;
  }

  /** One event's samples and all-time maximum (LATENCY GRAPH). */
  samplesOf(
    name: string,
  ): { readonly samples: readonly LatencySample[]; readonly max: number } | undefined {
    return this.events.get(name);
  }

  /** True once any latency sample was recorded. */
  get hasLatencySamples(): boolean {
    return this.events.size > 0;
  }

  private addSample(name: string, nowMs: number, ms: number): void {
    const time = Math.floor(nowMs / 1000);
    let event = this.events.get(name);
    if (event === undefined) {
      event = { samples: [], max: 0 };
      this.events.set(name, event);
    }
    event.max = Math.max(event.max, ms);
    const last = event.samples[event.samples.length - 1];
    if (last !== undefined && last.time === time) {
      last.latency = Math.max(last.latency, ms);
      return;
    }
    event.samples.push({ time, latency: ms });
    if (event.samples.length > LATENCY_SAMPLES) event.samples.shift();
  }
}
