import type { RespValue } from "@petrel/protocol";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { planCommand } from "../routing/plan-command.js";
import { command, specs } from "../test-support/commands.js";
import { threeShardSlots } from "../test-support/replies.js";
import { parseClusterSlots } from "../topology/parse-cluster-slots.js";
import { UNASSIGNED_SLOT } from "../topology/topology.js";
import { SlotMap, sameView } from "./slot-map.js";

const fresh = () => parseClusterSlots(threeShardSlots(), "seed");
const FOO = 12182; // slot of "foo", served by 127.0.0.1:7002

function addressFor(map: SlotMap, key: string): string | undefined {
  const plan = planCommand(command(specs.get, ["GET", key]), map);
  return plan.kind === "single" ? plan.node.address : undefined;
}

describe("SlotMap", () => {
  it("routes like its topology until patched", () => {
    const map = new SlotMap(fresh());
    expect(addressFor(map, "foo")).toBe("127.0.0.1:7002");
    expect(sameView(map, fresh())).toBe(true);
    expect(map.current).toBe(map.current);
  });

  it("moves one slot to a known primary on MOVED", () => {
    const map = new SlotMap(fresh());
    const node = map.applyMoved(FOO, "127.0.0.1", 7000);
    expect(node.address).toBe("127.0.0.1:7000");
    expect(addressFor(map, "foo")).toBe("127.0.0.1:7000");
    expect(addressFor(map, "{foo}bar")).toBe("127.0.0.1:7000");
    // Neighbouring slots keep their owner.
    expect(map.shards[map.slotToShard[FOO + 1] as number]?.primary.address).toBe("127.0.0.1:7002");
    expect(map.shards.find((shard) => shard.primary.port === 7000)?.slotRanges).toEqual([
      { start: 0, end: 5460 },
      { start: FOO, end: FOO },
    ]);
    expect(map.coveredSlots).toBe(16384);
    expect(sameView(map, fresh())).toBe(false);
  });

  it("creates a node entry for a MOVED target outside the view", () => {
    const map = new SlotMap(fresh());
    const node = map.applyMoved(FOO, "10.9.9.9", 7100);
    expect(node).toMatchObject({ address: "10.9.9.9:7100", role: "primary", id: undefined });
    expect(addressFor(map, "foo")).toBe("10.9.9.9:7100");
    expect(map.nodes.map((each) => each.address)).toContain("10.9.9.9:7100");
    expect(map.shards).toHaveLength(4);
    // A second slot moving to the same new node joins the same shard.
    map.applyMoved(FOO - 1, "10.9.9.9", 7100);
    expect(map.shards).toHaveLength(4);
    expect(map.shards[3]?.slotRanges).toEqual([{ start: FOO - 1, end: FOO }]);
  });

  it("promotes a replica named by MOVED: it leaves its old shard", () => {
    const map = new SlotMap(fresh());
    const node = map.applyMoved(FOO, "127.0.0.1", 7005);
    expect(node.role).toBe("primary");
    expect(node.id).toBe("c1");
    const addresses = map.nodes.map((each) => each.address);
    expect(addresses.filter((address) => address === "127.0.0.1:7005")).toHaveLength(1);
    expect(map.shards.find((shard) => shard.primary.port === 7002)?.replicas).toEqual([]);
  });

  it("drops a shard whose last slot moved away", () => {
    const single = parseClusterSlots(
      [
        [0, 0, ["a", 1]],
        [1, 16383, ["b", 1]],
      ] as RespValue[],
      "seed",
    );
    const map = new SlotMap(single);
    map.applyMoved(0, "b", 1);
    expect(map.shards.map((shard) => shard.primary.address)).toEqual(["b:1"]);
    expect(map.nodes.map((node) => node.address)).toEqual(["b:1"]);
  });

  it("fills an unassigned slot from MOVED", () => {
    const partial = parseClusterSlots(threeShardSlots().slice(0, 2) as RespValue[], "seed");
    const map = new SlotMap(partial);
    expect(map.slotToShard[FOO]).toBe(UNASSIGNED_SLOT);
    map.applyMoved(FOO, "127.0.0.1", 7002);
    expect(addressFor(map, "foo")).toBe("127.0.0.1:7002");
    expect(map.coveredSlots).toBe(partial.coveredSlots + 1);
  });

  it("does nothing when MOVED names the current owner", () => {
    const topology = fresh();
    const map = new SlotMap(topology);
    map.applyMoved(FOO, "127.0.0.1", 7002);
    expect(map.current).toBe(topology);
  });

  it("keeps earlier views immutable after later patches", () => {
    const map = new SlotMap(fresh());
    const before = map.current;
    map.applyMoved(FOO, "127.0.0.1", 7000);
    expect(before.shards[before.slotToShard[FOO] as number]?.primary.address).toBe(
      "127.0.0.1:7002",
    );
  });

  it("replace drops patches and reports whether the view changed", () => {
    const map = new SlotMap(fresh());
    expect(map.replace(fresh())).toBe(false);
    map.applyMoved(FOO, "127.0.0.1", 7000);
    expect(map.replace(fresh())).toBe(true);
    expect(addressFor(map, "foo")).toBe("127.0.0.1:7002");
    const movedView = new SlotMap(fresh());
    movedView.applyMoved(FOO, "127.0.0.1", 7000);
    // A refreshed view equal to the patched one is not a change.
    const server = parseClusterSlots(
      [
        [0, 5460, ["127.0.0.1", 7000, "a0"], ["127.0.0.1", 7003, "a1"]],
        [5461, 10922, ["127.0.0.1", 7001, "b0"], ["127.0.0.1", 7004, "b1"]],
        [10923, FOO - 1, ["127.0.0.1", 7002, "c0"], ["127.0.0.1", 7005, "c1"]],
        [FOO, FOO, ["127.0.0.1", 7000, "a0"], ["127.0.0.1", 7003, "a1"]],
        [FOO + 1, 16383, ["127.0.0.1", 7002, "c0"], ["127.0.0.1", 7005, "c1"]],
      ],
      "seed",
    );
    expect(movedView.replace(server)).toBe(false);
  });

  it("rejects an invalid slot", () => {
    const map = new SlotMap(fresh());
    expect(() => map.applyMoved(16384, "h", 1)).toThrow(RequestError);
    expect(() => map.applyMoved(-1, "h", 1)).toThrow(RequestError);
  });

  it("absorbs a storm of patches with one rebuild per read", () => {
    const map = new SlotMap(fresh());
    for (let slot = 10923; slot <= 16383; slot++) map.applyMoved(slot, "127.0.0.1", 7001);
    expect(map.shards).toHaveLength(2);
    expect(map.shards[1]?.slotRanges).toEqual([{ start: 5461, end: 16383 }]);
  });
});
