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

  it("rejects a non-positive round count", () => {
    expect(() => planRuns([sequentialGet], clients, 0)).toThrow(RangeError);
  });
});
