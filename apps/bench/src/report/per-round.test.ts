import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClientId, findClient } from "../clients/registry.js";
import type { RunOutcome } from "../runner/execute-plan.js";
import { planRuns } from "../runner/plan.js";
import type { MetricValues } from "../workloads/metrics.js";
import { mixedGetSet } from "../workloads/mixed-get-set.js";
import { aggregate } from "./aggregate.js";
import { evaluateLaterTargets } from "./later-targets.js";
import { describeRounds, perRoundRatios, worstRound } from "./per-round.js";
import { evaluateTargets } from "./targets.js";

const c100 = mixedGetSet(100);
const c1000 = mixedGetSet(1000);
const clients = [
  findClient("petrel"),
  findClient("ioredis"),
  findClient("ioredis-autopipeline"),
  findClient("raw-socket"),
];

/** The planned runs of `rounds` rounds, with `values[client][round]` as each run's metrics. */
function outcomes(
  values: Partial<Record<ClientId, readonly (MetricValues | undefined)[]>>,
  rounds: number,
): RunOutcome[] {
  return planRuns([c100, c1000], clients, rounds).map((run) => {
    const metrics = values[run.client.id]?.[run.round];
    return metrics ? { run, metrics } : { run, error: "refused" };
  });
}

const ops = (...values: number[]) => values.map((opsPerSec) => ({ opsPerSec }));

describe("perRoundRatios", () => {
  it("divides Petrel's round by that same round's best peer, never by the floor", () => {
    const runs = outcomes(
      {
        petrel: ops(340, 290, 360),
        ioredis: ops(100, 90, 120),
        // The best peer changes from round to round.
        "ioredis-autopipeline": ops(80, 100, 100),
        "raw-socket": ops(1000, 1000, 1000),
      },
      3,
    );
    const ratios = perRoundRatios(runs, c100.id, "opsPerSec", "best-peer");
    expect(ratios).toEqual([
      { round: 0, ratio: 3.4 },
      { round: 1, ratio: 2.9 },
      { round: 2, ratio: 3 },
    ]);
    expect(worstRound(ratios, "at-least")).toEqual({ round: 1, ratio: 2.9 });
    expect(worstRound(ratios, "at-most")).toEqual({ round: 0, ratio: 3.4 });
    expect(describeRounds(ratios)).toBe("rounds: 3.40×, 2.90×, 3.00×");
    expect(describeRounds([])).toBe("");
  });

  it("takes the lowest peer for a lower-is-better metric, or the one client asked for", () => {
    const runs = outcomes(
      {
        petrel: [{ cpuMillisPer1kOps: 2 }, { cpuMillisPer1kOps: 3 }],
        ioredis: [{ cpuMillisPer1kOps: 8 }, { cpuMillisPer1kOps: 6 }],
        "ioredis-autopipeline": [{ cpuMillisPer1kOps: 4 }, { cpuMillisPer1kOps: 12 }],
      },
      2,
    );
    expect(perRoundRatios(runs, c100.id, "cpuMillisPer1kOps", "best-peer")).toEqual([
      { round: 0, ratio: 0.5 },
      { round: 1, ratio: 0.5 },
    ]);
    expect(perRoundRatios(runs, c100.id, "cpuMillisPer1kOps", "ioredis")).toEqual([
      { round: 0, ratio: 0.25 },
      { round: 1, ratio: 0.5 },
    ]);
  });

  it("leaves out rounds where Petrel or every peer failed", () => {
    const runs = outcomes(
      {
        petrel: [{ opsPerSec: 300 }, undefined, { opsPerSec: 300 }],
        ioredis: [{ opsPerSec: 100 }, { opsPerSec: 100 }, undefined],
      },
      3,
    );
    expect(perRoundRatios(runs, c100.id, "opsPerSec", "best-peer")).toEqual([
      { round: 0, ratio: 3 },
    ]);
    expect(perRoundRatios(runs, "no-such-workload", "opsPerSec", "best-peer")).toEqual([]);
  });

  it("is, when Petrel is k times every peer in each round, k in every round", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            peer: fc.double({ min: 1, max: 1e6, noNaN: true }),
            other: fc.double({ min: 1, max: 1e6, noNaN: true }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (rounds, k) => {
          const best = rounds.map((round) => Math.max(round.peer, round.other));
          const runs = outcomes(
            {
              petrel: best.map((value) => ({ opsPerSec: value * k })),
              ioredis: rounds.map((round) => ({ opsPerSec: round.peer })),
              "ioredis-autopipeline": rounds.map((round) => ({ opsPerSec: round.other })),
            },
            rounds.length,
          );
          const ratios = perRoundRatios(runs, c100.id, "opsPerSec", "best-peer");
          expect(ratios.map((entry) => entry.round)).toEqual(rounds.map((_, index) => index));
          for (const entry of ratios) expect(entry.ratio).toBeCloseTo(k, 9);
        },
      ),
    );
  });
});

describe("targets judged in every round", () => {
  const byStatement = (results: ReturnType<typeof evaluateTargets>, text: string) =>
    results.find((result) => result.target.statement.includes(text));

  it("misses a target whose median holds when one round falls short", () => {
    const runs = outcomes(
      {
        petrel: ops(340, 290, 360),
        ioredis: ops(100, 100, 100),
        "ioredis-autopipeline": ops(90, 100, 100),
      },
      3,
    );
    const results = evaluateTargets(aggregate(runs, [c100, c1000], clients), runs);
    const c100Target = byStatement(results, "80/20 c=100 ops/s ≥ 3× best peer in every round");
    expect(c100Target?.ratio).toBeCloseTo(3.4);
    expect(c100Target?.met).toBe(false);
    expect(c100Target?.detail).toContain("3.40× (median); rounds: 3.40×, 2.90×, 3.60×");
    expect(c100Target?.detail).toContain("missed: round 2 at 2.90×, 3% below the target");
    // A target without everyRound shows the rounds and is judged on the median alone.
    const issueFour = byStatement(results, "80/20 c=100: ops/s ≥ 1.5× best peer");
    expect(issueFour?.met).toBe(true);
    expect(issueFour?.detail).toContain("rounds: 3.40×, 2.90×, 3.60×, met");
  });

  it("meets it when every round holds, naming the worst round", () => {
    const runs = outcomes({ petrel: ops(400, 310, 330), ioredis: ops(100, 100, 100) }, 3);
    const results = evaluateTargets(aggregate(runs, [c100, c1000], clients), runs);
    const c1000Target = byStatement(results, "80/20 c=1000 ops/s ≥ 3× best peer in every round");
    expect(c1000Target?.met).toBe(true);
    expect(c1000Target?.detail).toContain("met in every round (worst 3.10×)");
  });

  it("still judges on the median when the runs are not given", () => {
    const runs = outcomes({ petrel: ops(290, 400), ioredis: ops(100, 100) }, 2);
    const results = evaluateTargets(aggregate(runs, [c100], clients));
    const c100Target = byStatement(results, "80/20 c=100 ops/s ≥ 3× best peer in every round");
    expect(c100Target?.met).toBe(true);
    expect(c100Target?.detail).not.toContain("rounds:");
  });

  it("shows the rounds of a later target against a peer of the same workload", () => {
    const cluster = [findClient("petrel"), findClient("ioredis-autopipeline")];
    const plan = planRuns([mixedGetSet(100)], cluster, 2).map((run) => ({
      ...run,
      workload: { ...run.workload, id: "cluster-mixed-80-20-c100" },
    }));
    const runs: RunOutcome[] = plan.map((run) => ({
      run,
      metrics: { opsPerSec: run.client.id === "petrel" ? 150 + 50 * run.round : 100 },
    }));
    const summaries = aggregate(runs, [plan[0]?.workload ?? c100], cluster);
    const result = evaluateLaterTargets(summaries, undefined, runs).find((entry) =>
      entry.target.statement.includes("cluster 80/20"),
    );
    expect(result?.met).toBe(true);
    expect(result?.detail).toContain("(median); rounds: 1.50×, 2.00×, met");
  });
});
