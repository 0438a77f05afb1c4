import { describe, expect, it } from "vitest";
import { clientRegistry } from "../clients/registry.js";
import { coldStart } from "../workloads/cold-start.js";
import { sequentialGet } from "../workloads/sequential-get.js";
import { planRuns } from "./plan.js";

describe("planRuns", () => {
  const clients = clientRegistry.slice(0, 3);

  it("alternates the client order between rounds", () => {
    const runs = planRuns([sequentialGet], clients, 2);
    expect(runs.map((run) => `${run.round}:${run.client.id}`)).toEqual([
      "0:petrel",
      "0:ioredis",
      "0:ioredis-autopipeline",
      "1:ioredis-autopipeline",
      "1:ioredis",
      "1:petrel",
    ]);
  });

  it("takes every sample of a multi-sample workload for each client", () => {
    const runs = planRuns([coldStart], clients, 1);
    expect(runs).toHaveLength(coldStart.samplesPerRound * clients.length);
    expect(new Set(runs.map((run) => run.sample)).size).toBe(coldStart.samplesPerRound);
  });

  it("interleaves the workloads of one group sample by sample, alternating their order", () => {
    const base = { ...sequentialGet, samplesPerRound: 3, interleaveGroup: "pair" };
    const first = { ...base, id: "first" };
    const second = { ...base, id: "second" };
    const petrel = clients.slice(0, 1);
    const runs = planRuns([sequentialGet, first, second], petrel, 2);
    expect(runs.map((run) => `${run.round}:${run.workload.id}:${run.sample}`)).toEqual([
      "0:sequential-get:0",
      "0:first:0",
      "0:second:0",
      "0:second:1",
      "0:first:1",
      "0:first:2",
      "0:second:2",
      "1:sequential-get:0",
      "1:second:0",
      "1:first:0",
      "1:first:1",
      "1:second:1",
      "1:second:2",
      "1:first:2",
    ]);
  });

  it("rejects a non-positive round count", () => {
    expect(() => planRuns([sequentialGet], clients, 0)).toThrow(RangeError);
  });
});
