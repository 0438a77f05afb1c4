import { describe, expect, it } from "vitest";
import { buildTopology, type NodeInput, type Shard } from "../topology/topology.js";
import { chooseReadNode, createRoundRobin, type ReadFrom } from "./read-from.js";

function shardWith(primary: NodeInput, replicas: NodeInput[]): Shard {
  const topology = buildTopology([{ primary, replicas, slotRanges: [{ start: 0, end: 16383 }] }]);
  return topology.shards[0] as Shard;
}

const shard = shardWith({ host: "p", port: 1, az: "az-a" }, [
  { host: "r1", port: 1, az: "az-a" },
  { host: "r2", port: 1, az: "az-b" },
  { host: "r3", port: 1, az: "az-a", health: "loading" },
  { host: "r4", port: 1, az: "az-b", health: "fail" },
]);

function picks(
  readFrom: ReadFrom,
  target: Shard,
  clientAz: string | undefined,
  count = 4,
): string[] {
  const roundRobin = createRoundRobin();
  return Array.from(
    { length: count },
    () => chooseReadNode(target, { readFrom, clientAz, roundRobin }).host,
  );
}

describe("chooseReadNode", () => {
  it("primary: always the primary", () => {
    expect(picks("primary", shard, "az-b")).toEqual(["p", "p", "p", "p"]);
    expect(chooseReadNode(shard, {}).host).toBe("p");
  });

  it("preferReplica: round-robin over readable replicas, then the primary", () => {
    expect(picks("preferReplica", shard, undefined)).toEqual(["r1", "r2", "r1", "r2"]);
    const lonely = shardWith({ host: "p", port: 1 }, [{ host: "r", port: 1, health: "loading" }]);
    expect(picks("preferReplica", lonely, undefined, 2)).toEqual(["p", "p"]);
  });

  it("AZAffinity: replicas in the client's AZ, then any replica, then the primary", () => {
    expect(picks("AZAffinity", shard, "az-b")).toEqual(["r2", "r2", "r2", "r2"]);
    expect(picks("AZAffinity", shard, "az-z")).toEqual(["r1", "r2", "r1", "r2"]);
    expect(picks("AZAffinity", shard, undefined, 2)).toEqual(["r1", "r2"]);
    const noReplica = shardWith({ host: "p", port: 1, az: "az-z" }, []);
    expect(picks("AZAffinity", noReplica, "az-z", 1)).toEqual(["p"]);
  });

  it("AZAffinityReplicasAndPrimary: AZ replicas, AZ primary, any replica, primary", () => {
    expect(picks("AZAffinityReplicasAndPrimary", shard, "az-a")).toEqual(["r1", "r1", "r1", "r1"]);
    const primaryInAz = shardWith({ host: "p", port: 1, az: "az-a" }, [
      { host: "r", port: 1, az: "az-b" },
    ]);
    expect(picks("AZAffinityReplicasAndPrimary", primaryInAz, "az-a", 2)).toEqual(["p", "p"]);
    expect(picks("AZAffinityReplicasAndPrimary", primaryInAz, "az-c", 2)).toEqual(["r", "r"]);
    const bare = shardWith({ host: "p", port: 1, az: "az-x" }, []);
    expect(picks("AZAffinityReplicasAndPrimary", bare, "az-c", 1)).toEqual(["p"]);
  });

  it("allNodes: round-robin over the primary and readable replicas", () => {
    expect(picks("allNodes", shard, undefined, 6)).toEqual(["p", "r1", "r2", "p", "r1", "r2"]);
  });

  it("keeps the counter bounded", () => {
    const roundRobin = { counter: Number.MAX_SAFE_INTEGER };
    chooseReadNode(shard, { readFrom: "preferReplica", roundRobin });
    expect(roundRobin.counter).toBe(0);
  });
});
