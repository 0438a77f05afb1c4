import { describe, expect, it } from "vitest";
import type { CommandDef } from "./command-table.js";
import { OK } from "./frames.js";
import { CommandTimings } from "./slowlog.js";

const command = (name: string, flags: CommandDef["flags"] = []): CommandDef => ({
  name,
  arity: -1,
  flags,
  group: "server",
  run: () => OK,
});

function timings(config: Record<string, number>): CommandTimings {
  return new CommandTimings((name) => config[name] ?? 0);
}

const at = (nowMs: number) => ({ nowMs, address: "127.0.0.1:1", name: undefined });

describe("CommandTimings", () => {
  it("keeps slowlog-max-len entries, newest first, above the threshold only", () => {
    const log = timings({ "slowlog-log-slower-than": 100, "slowlog-max-len": 2 });
    const set = command("set");
    for (const [micros, value] of [
      [50, "fast"],
      [150, "a"],
      [200, "b"],
      [300, "c"],
    ] as const)
      log.record(at(1000), set, [Buffer.from("SET"), Buffer.from(value)], micros);
    expect(log.slowlogLength).toBe(2);
    const reply = log.slowlog(-1);
    const ids =
      reply.type === "array"
        ? reply.value?.map((entry) => (entry.type === "array" ? entry.value?.[0] : undefined))
        : [];
    // Ids 0 (a) and 1 (b) and 2 (c): the two newest are kept, newest first.
    expect(ids).toEqual([
      { type: "integer", value: 2 },
      { type: "integer", value: 1 },
    ]);
  });

  it("records latency samples per event, one per second with the highest, only at or above the threshold", () => {
    const log = timings({ "slowlog-log-slower-than": -1, "latency-monitor-threshold": 5 });
    log.record(at(10_000), command("keys"), [], 4_000);
    expect(log.hasLatencySamples).toBe(false);
    log.record(at(10_000), command("keys"), [], 7_000);
    log.record(at(10_500), command("keys"), [], 9_000);
    log.record(at(11_000), command("get", ["fast"]), [], 6_000);
    expect(log.history("command")).toEqual({
      type: "array",
      value: [
        {
          type: "array",
          value: [
            { type: "integer", value: 10 },
            { type: "integer", value: 9 },
          ],
        },
      ],
    });
    expect(log.resetLatency(["command", "nothing"])).toBe(1);
    expect(log.resetLatency([])).toBe(1);
    expect(log.hasLatencySamples).toBe(false);
    expect(log.slowlogLength).toBe(0);
  });
});
