// Runs the demo's whole story against the embedded fake cluster and checks
// each step's output against what the story promises.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StepReport } from "../src/report.js";
import { runStory, stepTitles } from "../src/story.js";
import { startFakeTarget, type Target } from "../src/target.js";

let target: Target;
let reports: StepReport[];
const printed: string[] = [];

beforeAll(async () => {
  target = await startFakeTarget();
  reports = await runStory(target, (line) => printed.push(line));
}, 60_000);

afterAll(async () => {
  await target?.stop();
});

function step(number: number): StepReport {
  const report = reports[number - 1];
  if (report === undefined) throw new Error(`no step ${number}`);
  expect(report.failed, `step ${number} failed`).toBeUndefined();
  expect(report.skipped, `step ${number} skipped`).toBeUndefined();
  return report;
}

describe("the demo story against the fake cluster", () => {
  it("prints eight numbered steps", () => {
    expect(reports.map((r) => r.title)).toEqual([...stepTitles]);
    for (const [index, title] of stepTitles.entries())
      expect(printed).toContain(`── ${index + 1}. ${title}`);
  });

  it("1. discovers 3 primaries and 3 replicas from one seed", () => {
    const { facts, lines } = step(1);
    expect(facts.nodes).toBe(6);
    expect(facts.primaries).toBe(3);
    expect(lines.filter((line) => line.includes("primary 127.0.0.1:"))).toHaveLength(3);
  });

  it("2. runs keyed commands on several slots and a multi-slot MGET", () => {
    const { facts } = step(2);
    expect(facts.mget).toEqual(["value-1", "value-2", "value-3", "value-4", "value-5"]);
    expect(facts.slots).toBe(5);
    expect(facts.deleted).toBe(5);
  });

  it("3. prints the seed's batch outputs", () => {
    const { facts, lines } = step(3);
    expect(facts.atomic).toEqual(["OK", 6, "6"]);
    expect(facts.pipeline).toEqual(["OK", 125, "125", 1, 2, ["user2", "user1"]]);
    expect(lines[0]).toContain("['OK', 6, '6']");
  });

  it("4. follows ASK and MOVED through a slot migration with no error", () => {
    const { facts } = step(4);
    expect(facts.errors).toBe(0);
    expect(facts.ask).toBeGreaterThan(0);
    expect(facts.moved).toBeGreaterThan(0);
    expect(facts.movedTo).toBe(true);
    const rounds = facts.rounds as number;
    expect(facts.values).toEqual(Array(6).fill(String(rounds)));
  });

  it("5. survives a primary failover", () => {
    const { facts } = step(5);
    expect(facts.incremented).toBe(15);
    expect(facts.value).toBe("15");
    expect(facts.servedByNewPrimary).toBe(true);
  });

  it('6. reads from replicas with readFrom "preferReplica"', () => {
    const { facts } = step(6);
    expect(facts.matches).toBe(true);
    expect(facts.replicaGets).toBe(12);
    expect(facts.primaryGets).toBe(0);
  });

  it("7. summarises the OpenTelemetry file", () => {
    const { facts } = step(7);
    expect(facts.spans as number).toBeGreaterThan(50);
    const names = facts.spanNames as Record<string, number>;
    expect(names.send_command).toBeGreaterThan(0);
    expect(Object.keys(facts.metrics as object)).toContain("db.client.operation.duration");
  });

  it("8. reports getStatistics()", () => {
    const { facts } = step(8);
    const stats = facts.statistics as { total_connections: string; total_clients: string };
    expect(Number(stats.total_clients)).toBeGreaterThanOrEqual(1);
    expect(Number(stats.total_connections)).toBeGreaterThanOrEqual(3);
  });
});
