import { describe, expect, it } from "vitest";
import { findClient } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { planRuns } from "../runner/plan.js";
import type { MetricValues } from "../workloads/metrics.js";
import { mixedGetSet } from "../workloads/mixed-get-set.js";
import { sequentialGet } from "../workloads/sequential-get.js";
import { aggregate, median } from "./aggregate.js";
import { GENERATED_END, GENERATED_START, mergeIntoDocument } from "./document.js";
import { renderWorkloadTable } from "./markdown-table.js";
import { renderOpsChart } from "./svg-chart.js";
import { evaluateTargets } from "./targets.js";

const mixed = mixedGetSet(100);
const clients = [findClient("petrel"), findClient("ioredis"), findClient("node-redis")];

function outcomes(values: Record<string, MetricValues[]>): RunOutcome[] {
  return planRuns([mixed], clients, 2).map((run) => {
    const metrics = values[run.client.id]?.[run.round];
    return metrics ? { run, metrics } : { run, error: "connection refused" };
  });
}

describe("report", () => {
  const summaries = aggregate(
    outcomes({
      petrel: [
        { opsPerSec: 300, cpuMillisPer1kOps: 4, p50Micros: 1, p99Micros: 2 },
        { opsPerSec: 500, cpuMillisPer1kOps: 6, p50Micros: 1, p99Micros: 2 },
      ],
      ioredis: [
        { opsPerSec: 200, cpuMillisPer1kOps: 10, p50Micros: 1, p99Micros: 2 },
        { opsPerSec: 200, cpuMillisPer1kOps: 10, p50Micros: 1, p99Micros: 2 },
      ],
    }),
    [mixed, sequentialGet],
    clients,
  );

  it("takes medians across rounds and keeps failures", () => {
    expect(median([3, 1, 2])).toBe(2);
    const rows = summaries[0]?.rows ?? [];
    expect(rows[0]?.metrics.opsPerSec).toBe(400);
    expect(rows[2]?.samples).toBe(0);
    expect(rows[2]?.errors).toEqual(["connection refused", "connection refused"]);
  });

  it("renders ratios to the best peer and failed rows", () => {
    const table = renderWorkloadTable(summaries[0] as (typeof summaries)[number]);
    expect(table).toContain("| **Petrel** | 400 |");
    expect(table).toContain("| 300–500 |");
    expect(table).toMatch(/\| \*\*Petrel\*\* .*\| 2\.00× \|/);
    expect(table).toContain("failed: connection refused");
  });

  it("checks issue 4 targets and says by how much one is missed", () => {
    const results = evaluateTargets(summaries);
    const throughput = results.find((result) => result.target.statement.includes("c=100: ops/s"));
    expect(throughput).toMatchObject({ met: true, ratio: 2 });
    const cpu = results.find((result) => result.target.statement.includes("c=100: client CPU"));
    expect(cpu?.met).toBe(true);
    const sequential = results.find((result) => result.target.workloadId === "sequential-get");
    expect(sequential?.met).toBeUndefined();

    const slower = aggregate(
      outcomes({
        petrel: [
          { opsPerSec: 240, cpuMillisPer1kOps: 8 },
          { opsPerSec: 240, cpuMillisPer1kOps: 8 },
        ],
        ioredis: [
          { opsPerSec: 200, cpuMillisPer1kOps: 10 },
          { opsPerSec: 200, cpuMillisPer1kOps: 10 },
        ],
      }),
      [mixed],
      clients,
    );
    const missed = evaluateTargets(slower).filter((result) => result.met === false);
    expect(missed.map((result) => result.detail)).toEqual([
      expect.stringContaining("20% below the target"),
      expect.stringContaining("60% above the target"),
      // Issue 19's c=100 target: 1.2× against 3×.
      expect.stringContaining("60% below the target"),
    ]);
  });

  it("draws one bar per client in an SVG chart", () => {
    const svg = renderOpsChart(summaries, "test <run>");
    expect(svg.startsWith("<svg")).toBe(true);
    // One throughput panel (80/20; sequential was not run, so it has no rows), one bar per client.
    expect(svg.match(/<rect x=/g)).toHaveLength(clients.length);
    expect(svg).toContain("<title>");
    expect(svg).toContain("test &lt;run&gt;");
  });

  it("replaces only the generated section of an existing document", () => {
    const existing = `# Title\n\nintro\n\n${GENERATED_START}\nold\n${GENERATED_END}\n\n## Analysis\nkept\n`;
    const merged = mergeIntoDocument(existing, `${GENERATED_START}\nnew\n${GENERATED_END}`);
    expect(merged).toContain("intro");
    expect(merged).toContain("new");
    expect(merged).not.toContain("old");
    expect(merged).toContain("## Analysis\nkept");
    expect(mergeIntoDocument(undefined, "generated")).toContain("# Benchmarks");
  });
});
