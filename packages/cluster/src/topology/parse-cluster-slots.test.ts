import type { RespValue } from "@petrel/protocol";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { flat, map, slotsNode, threeShardSlots } from "../test-support/replies.js";
import { parseClusterSlots } from "./parse-cluster-slots.js";
import { UNASSIGNED_SLOT } from "./topology.js";

describe("parseClusterSlots", () => {
  it("builds shards, nodes and the slot table from a full reply", () => {
    const topology = parseClusterSlots(threeShardSlots(), "seed");
    expect(topology.coveredSlots).toBe(16384);
    expect(topology.shards.map((shard) => shard.primary.address)).toEqual([
      "127.0.0.1:7000",
      "127.0.0.1:7001",
      "127.0.0.1:7002",
    ]);
    expect(topology.shards[1]?.replicas.map((node) => node.address)).toEqual(["127.0.0.1:7004"]);
    expect(topology.shards[1]?.slotRanges).toEqual([{ start: 5461, end: 10922 }]);
    expect(topology.nodes).toHaveLength(6);
    expect(topology.nodes.filter((node) => node.role === "primary")).toHaveLength(3);
    expect(topology.slotToShard[0]).toBe(0);
    expect(topology.slotToShard[5461]).toBe(1);
    expect(topology.slotToShard[16383]).toBe(2);
    expect(topology.shards[0]?.primary.id).toBe("a0");
  });

  it("merges the ranges of a primary listed more than once", () => {
    const reply: RespValue[] = [
      [0, 99, slotsNode("10.0.0.1", 6379, "x")],
      [100, 199, slotsNode("10.0.0.2", 6379, "y")],
      [200, 299, slotsNode("10.0.0.1", 6379, "x")],
    ];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.shards).toHaveLength(2);
    expect(topology.shards[0]?.slotRanges).toEqual([
      { start: 0, end: 99 },
      { start: 200, end: 299 },
    ]);
    expect(topology.coveredSlots).toBe(300);
    expect(topology.slotToShard[300]).toBe(UNASSIGNED_SLOT);
  });

  it("uses the seed host for a NULL or empty endpoint", () => {
    const reply: RespValue[] = [
      [0, 8191, slotsNode(null, 7000), slotsNode("", 7001)],
      [8192, 16383, slotsNode("", 7002)],
    ];
    const topology = parseClusterSlots(reply, "seed.example");
    expect(topology.nodes.map((node) => node.address)).toEqual([
      "seed.example:7000",
      "seed.example:7002",
      "seed.example:7001",
    ]);
  });

  it("drops '?' endpoints: a replica disappears, a primary's range stays unassigned", () => {
    const reply: RespValue[] = [
      [0, 8191, slotsNode("?", 7000), slotsNode("10.0.0.9", 7001)],
      [8192, 16383, slotsNode("10.0.0.2", 7002), slotsNode("?", 7003)],
    ];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.coveredSlots).toBe(8192);
    expect(topology.nodes.map((node) => node.address)).toEqual(["10.0.0.2:7002"]);
    expect(topology.slotToShard[0]).toBe(UNASSIGNED_SLOT);
  });

  it("accepts hostnames, IPv6 and Buffer endpoints", () => {
    const reply: RespValue[] = [
      [0, 5000, slotsNode("node-1.cache.example.com", 6379)],
      [5001, 10000, slotsNode("2001:db8::1", 6379)],
      [10001, 16383, [Buffer.from("10.1.1.1"), 6380, Buffer.from("id3")]],
    ];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.shards.map((shard) => [shard.primary.host, shard.primary.port])).toEqual([
      ["node-1.cache.example.com", 6379],
      ["2001:db8::1", 6379],
      ["10.1.1.1", 6380],
    ]);
    expect(topology.shards[1]?.primary.address).toBe("2001:db8::1:6379");
    expect(topology.shards[2]?.primary.id).toBe("id3");
  });

  it("reads metadata maps in RESP3 and RESP2 form and ignores unknown trailing fields", () => {
    const reply: RespValue[] = [
      [
        0,
        8191,
        [
          "10.0.0.1",
          7000,
          "p1",
          map({ hostname: "host-a", "availability-zone": "az-1", ip: "10.0.0.1", future: 1 }),
          "extra",
          42,
        ],
        ["10.0.0.2", 7001, "r1", flat({ "availability-zone": "az-2" })],
        "trailing-junk",
      ],
      [8192, 16383, ["10.0.0.3", 7002], 99],
    ];
    const topology = parseClusterSlots(reply, "seed");
    const [first, second] = topology.shards;
    expect(first?.primary).toMatchObject({
      hostname: "host-a",
      az: "az-1",
      ip: "10.0.0.1",
      id: "p1",
    });
    expect(first?.replicas[0]?.az).toBe("az-2");
    expect(second?.primary.id).toBeUndefined();
    expect(second?.replicas).toEqual([]);
  });

  it("accepts old servers' two-element nodes and integer text", () => {
    const reply: RespValue[] = [["0", "16383", ["127.0.0.1", "6379"]]];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.coveredSlots).toBe(16384);
    expect(topology.shards[0]?.primary.port).toBe(6379);
  });

  it("skips malformed ranges and nodes without failing the view", () => {
    const reply: RespValue[] = [
      [5, 1, slotsNode("a", 1)],
      [0, 99999, slotsNode("a", 1)],
      [0, 10],
      "junk",
      null,
      [0, 10, ["host", 0]],
      [0, 10, ["host", 70000]],
      [0, 10, ["host"]],
      [11, 20, slotsNode("good", 6379)],
    ];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.coveredSlots).toBe(10);
    expect(topology.nodes.map((node) => node.address)).toEqual(["good:6379"]);
  });

  it("rejects a reply that is not an array with a RequestError", () => {
    expect(() => parseClusterSlots("OK", "seed")).toThrow(RequestError);
    expect(() => parseClusterSlots(null, "seed")).toThrow(/CLUSTER SLOTS/);
    expect(() => parseClusterSlots(map({ a: 1 }), "seed")).toThrow(RequestError);
  });

  it("gives an empty view for an empty reply", () => {
    const topology = parseClusterSlots([], "seed");
    expect(topology.coveredSlots).toBe(0);
    expect(topology.nodes).toEqual([]);
  });

  it("does not pollute prototypes from metadata keys", () => {
    const reply: RespValue[] = [
      [0, 16383, ["h", 1, "id", flat({ __proto__: "x", constructor: "y" })]],
    ];
    const topology = parseClusterSlots(reply, "seed");
    expect(topology.coveredSlots).toBe(16384);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
