import { describe, expect, it } from "vitest";
import { buildTopology, rangesOf, UNASSIGNED_SLOT } from "./topology.js";

describe("buildTopology", () => {
  it("orders shards by first slot and lists primaries before replicas", () => {
    const topology = buildTopology([
      {
        primary: { host: "b", port: 1 },
        replicas: [{ host: "b2", port: 1 }],
        slotRanges: [{ start: 100, end: 199 }],
      },
      { primary: { host: "a", port: 1 }, replicas: [], slotRanges: [{ start: 0, end: 99 }] },
    ]);
    expect(topology.shards.map((shard) => shard.primary.host)).toEqual(["a", "b"]);
    expect(topology.nodes.map((node) => `${node.host}/${node.role}`)).toEqual([
      "a/primary",
      "b/primary",
      "b2/replica",
    ]);
    expect(topology.coveredSlots).toBe(200);
    expect(topology.slotToShard[150]).toBe(1);
    expect(topology.slotToShard[200]).toBe(UNASSIGNED_SLOT);
  });

  it("gives an overlapping slot to the shard listed first", () => {
    const topology = buildTopology([
      { primary: { host: "a", port: 1 }, replicas: [], slotRanges: [{ start: 0, end: 10 }] },
      { primary: { host: "b", port: 1 }, replicas: [], slotRanges: [{ start: 5, end: 20 }] },
    ]);
    expect(topology.shards[0]?.slotRanges).toEqual([{ start: 0, end: 10 }]);
    expect(topology.shards[1]?.slotRanges).toEqual([{ start: 11, end: 20 }]);
  });

  it("drops a shard left with no slot and never lists the primary as its own replica", () => {
    const topology = buildTopology([
      {
        primary: { host: "a", port: 1 },
        replicas: [{ host: "a", port: 1 }],
        slotRanges: [{ start: 0, end: 10 }],
      },
      { primary: { host: "b", port: 1 }, replicas: [], slotRanges: [{ start: 0, end: 10 }] },
    ]);
    expect(topology.shards).toHaveLength(1);
    expect(topology.shards[0]?.replicas).toEqual([]);
  });
});

describe("rangesOf", () => {
  it("merges consecutive slots", () => {
    expect(rangesOf([1, 2, 3, 7, 9, 10])).toEqual([
      { start: 1, end: 3 },
      { start: 7, end: 7 },
      { start: 9, end: 10 },
    ]);
    expect(rangesOf([])).toEqual([]);
  });
});
