import { describe, expect, it } from "vitest";
import { loopbackTopology } from "./test-support/loopback-topology.js";
import type { ClusterTopology } from "./topology.js";

function build(): ClusterTopology {
  return loopbackTopology([
    ["p", 7000, 0, "primary"],
    ["r2", 7002, 0, "replica"],
    ["r1", 7001, 0, "replica"],
  ]);
}

describe("ClusterTopology", () => {
  it("computes contiguous ranges and coverage", () => {
    const topology = build();
    topology.assign(0, 10, 0);
    topology.assign(20, 16383, 0);
    expect(topology.rangesOf(0)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 16383 },
    ]);
    expect(topology.assignedSlotCount()).toBe(16384 - 9);
    expect(topology.stateOk).toBe(false);
    topology.assign(11, 19, 0);
    expect(topology.stateOk).toBe(true);
    expect(topology.ownerOf(15)?.id).toBe("p");
  });

  it("lists live replicas by id and promotes with a new epoch", () => {
    const topology = build();
    expect(topology.liveReplicas(0).map((node) => node.id)).toEqual(["r1", "r2"]);
    topology.node("r1").alive = false;
    expect(topology.liveReplicas(0).map((node) => node.id)).toEqual(["r2"]);
    topology.promote("r2");
    expect(topology.shard(0)).toMatchObject({ primary: "r2", replicas: ["r1", "p"] });
    expect(topology.node("p").role).toBe("replica");
    expect(topology.node("r2")).toMatchObject({ role: "primary", configEpoch: 1 });
    expect(topology.primaryOf("r1").id).toBe("r2");
  });

  it("refuses unknown nodes and shards", () => {
    const topology = build();
    expect(() => topology.node("zz")).toThrow("unknown cluster node zz");
    expect(() => topology.shard(3)).toThrow("no shard 3");
  });
});
