import { describe, expect, it } from "vitest";
import { clientRegistry } from "../clients/registry.js";
import { workloadRegistry } from "../workloads/registry.js";
import { issue19Workloads, parseBenchArguments } from "./arguments.js";

describe("parseBenchArguments", () => {
  it("defaults to every client and workload, three rounds, and writing the report", () => {
    const options = parseBenchArguments([], "/repo/BENCHMARKS.md");
    expect(options.rounds).toBe(3);
    expect(options.settings).toEqual({ warmupMs: 500, durationMs: 1500 });
    expect(options.clients).toHaveLength(clientRegistry.length);
    expect(options.workloads).toHaveLength(workloadRegistry.length);
    expect(options.output).toBe("/repo/BENCHMARKS.md");
  });

  it("--quick shortens the run and does not write unless asked", () => {
    expect(parseBenchArguments(["--quick"], "/r.md")).toMatchObject({
      rounds: 1,
      settings: { warmupMs: 300, durationMs: 1000 },
      output: undefined,
    });
    expect(parseBenchArguments(["--quick", "--write"], "/r.md").output).toBe("/r.md");
  });

  it("selects clients and workloads by id and rejects unknown ones", () => {
    const options = parseBenchArguments(
      ["--clients", "petrel,ioredis", "--workloads", "cold-start"],
      "/r.md",
    );
    expect(options.clients.map((client) => client.id)).toEqual(["petrel", "ioredis"]);
    expect(options.workloads.map((workload) => workload.id)).toEqual(["cold-start"]);
    expect(() => parseBenchArguments(["--clients", "nope"], "/r.md")).toThrow(/Unknown client/);
    expect(() => parseBenchArguments(["--rounds", "0"], "/r.md")).toThrow(/positive integer/);
  });

  it("--issue19 selects issue 19's rows, every one a known workload, and writes the report", () => {
    const options = parseBenchArguments(["--issue19"], "/r.md");
    expect(options.workloads.map((workload) => workload.id)).toEqual([...issue19Workloads]);
    expect(options.clients).toHaveLength(clientRegistry.length);
    expect(options.rounds).toBe(3);
    expect(options.output).toBe("/r.md");
  });

  it("--otel-pairs sets the paired OTel runs per round and leaves other workloads alone", () => {
    const options = parseBenchArguments(
      ["--otel-pairs", "25", "--workloads", "otel-absent,otel-sample-0,otel-sample-100"],
      "/r.md",
    );
    expect(options.workloads.map((workload) => workload.samplesPerRound)).toEqual([25, 25, 1]);
    expect(options.workloads[1]?.description).toContain("25 runs per round");
    const defaults = parseBenchArguments(["--workloads", "otel-absent"], "/r.md");
    expect(defaults.workloads[0]?.samplesPerRound).toBe(10);
    expect(() => parseBenchArguments(["--otel-pairs", "0"], "/r.md")).toThrow(/positive integer/);
  });
});
