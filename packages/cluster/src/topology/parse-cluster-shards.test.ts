import type { RespValue } from "@petrel/protocol";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { flat, map } from "../test-support/replies.js";
import { parseClusterShards } from "./parse-cluster-shards.js";
import { parseClusterSlots } from "./parse-cluster-slots.js";
import { UNASSIGNED_SLOT } from "./topology.js";

type Pairs = Record<string, RespValue>;

function shardNode(fields: Pairs): Pairs {
  return { "replication-offset": 100, health: "online", ...fields };
}

/** Node fields in the order the server writes them (id, port, ip, endpoint, hostname, role, offset, health). */
function serverOrderedNode(
  id: string,
  port: number,
  endpoint: string,
  role: string,
  extra: Pairs = {},
): Pairs {
  return shardNode({ id, port, ip: endpoint, endpoint, hostname: "", role, ...extra });
}

function reply(shape: (pairs: Pairs) => RespValue): RespValue[] {
  return [
    shape({
      slots: [0, 5460],
      nodes: [
        shape(
          serverOrderedNode("a0", 7000, "127.0.0.1", "master", { "availability-zone": "az-1" }),
        ),
        shape(
          serverOrderedNode("a1", 7003, "127.0.0.1", "replica", { "availability-zone": "az-2" }),
        ),
      ],
    }),
    shape({
      slots: [5461, 10922],
      nodes: [
        shape(serverOrderedNode("b1", 7004, "127.0.0.1", "replica", { health: "loading" })),
        shape(serverOrderedNode("b0", 7001, "127.0.0.1", "master")),
      ],
      id: "shard-b",
    }),
    shape({
      slots: [10923, 12000, 12001, 16383],
      nodes: [
        shape(serverOrderedNode("c0", 7002, "127.0.0.1", "master")),
        shape(serverOrderedNode("c1", 7005, "127.0.0.1", "replica", { health: "fail" })),
      ],
    }),
  ];
}

describe("parseClusterShards", () => {
  it.each([
    ["RESP3 maps", map],
    ["RESP2 flat arrays", flat],
  ])("reads %s by key", (_name, shape) => {
    const topology = parseClusterShards(reply(shape), "seed");
    expect(topology.coveredSlots).toBe(16384);
    expect(topology.shards.map((shard) => shard.primary.address)).toEqual([
      "127.0.0.1:7000",
      "127.0.0.1:7001",
      "127.0.0.1:7002",
    ]);
    expect(topology.shards[0]?.primary).toMatchObject({
      id: "a0",
      az: "az-1",
      role: "primary",
      hostname: undefined,
      replicationOffset: 100,
    });
    expect(topology.shards[0]?.replicas[0]).toMatchObject({
      address: "127.0.0.1:7003",
      az: "az-2",
      role: "replica",
    });
    expect(topology.shards[1]?.id).toBe("shard-b");
    expect(topology.shards[0]?.id).toBeUndefined();
    expect(topology.shards[1]?.replicas[0]?.health).toBe("loading");
    expect(topology.shards[2]?.replicas[0]?.health).toBe("fail");
    expect(topology.shards[2]?.slotRanges).toEqual([{ start: 10923, end: 16383 }]);
  });

  it("gives the same fingerprint as the equivalent CLUSTER SLOTS view", () => {
    const shards = parseClusterShards(
      [
        map({
          slots: [0, 16383],
          nodes: [
            map(serverOrderedNode("p", 7000, "10.0.0.1", "master")),
            map(serverOrderedNode("r", 7001, "10.0.0.2", "replica")),
          ],
        }),
      ],
      "seed",
    );
    const slots = parseClusterSlots(
      [[0, 16383, ["10.0.0.1", 7000, "p"], ["10.0.0.2", 7001, "r"]]],
      "seed",
    );
    expect(shards.fingerprint).toBe(slots.fingerprint);
  });

  it("prefers tls-port when asked, and falls back to whichever port exists", () => {
    const node = map(shardNode({ endpoint: "h", "tls-port": 7443, port: 7000, role: "master" }));
    const tlsOnly = map(shardNode({ endpoint: "t", "tls-port": 7444, role: "master" }));
    const input = [
      map({ slots: [0, 100], nodes: [node] }),
      map({ slots: [101, 200], nodes: [tlsOnly] }),
    ];
    expect(
      parseClusterShards(input, "seed", { tls: true }).shards.map((shard) => shard.primary.port),
    ).toEqual([7443, 7444]);
    expect(parseClusterShards(input, "seed").shards.map((shard) => shard.primary.port)).toEqual([
      7000, 7444,
    ]);
  });

  it("applies the endpoint rules: NULL and empty → seed, '?' → dropped", () => {
    const input = [
      map({
        slots: [0, 100],
        nodes: [
          map(shardNode({ endpoint: null, port: 1, role: "master" })),
          map(shardNode({ endpoint: "?", port: 2, role: "replica" })),
        ],
      }),
      map({
        slots: [101, 200],
        nodes: [map(shardNode({ endpoint: "", port: 3, role: "master" }))],
      }),
      map({
        slots: [201, 300],
        nodes: [map(shardNode({ endpoint: "?", port: 4, role: "master" }))],
      }),
    ];
    const topology = parseClusterShards(input, "seed");
    expect(topology.nodes.map((node) => node.address)).toEqual(["seed:1", "seed:3"]);
    expect(topology.slotToShard[250]).toBe(UNASSIGNED_SLOT);
  });

  it("leaves out shards without slots and picks the live primary after a failover", () => {
    const input = [
      map({ slots: [], nodes: [map(shardNode({ endpoint: "empty", port: 1, role: "master" }))] }),
      map({
        slots: [0, 16383],
        nodes: [
          map(shardNode({ endpoint: "old", port: 1, role: "master", health: "fail" })),
          map(shardNode({ endpoint: "new", port: 2, role: "master" })),
          map(shardNode({ endpoint: "rep", port: 3, role: "slave" })),
        ],
      }),
    ];
    const topology = parseClusterShards(input, "seed");
    expect(topology.shards).toHaveLength(1);
    expect(topology.shards[0]?.primary.address).toBe("new:2");
    expect(topology.shards[0]?.replicas.map((node) => node.address)).toEqual(["rep:3"]);
  });

  it("ignores unknown fields and malformed nodes", () => {
    const input = [
      map({
        slots: [0, 16383, 5],
        future: map({ x: 1 }),
        nodes: [
          map(shardNode({ endpoint: "h", port: 1, role: "master", "new-field": [1, 2] })),
          "junk",
          map(shardNode({ endpoint: "h2", role: "replica" })),
        ],
      }),
    ];
    const topology = parseClusterShards(input, "seed");
    expect(topology.nodes.map((node) => node.address)).toEqual(["h:1"]);
    expect(topology.coveredSlots).toBe(16384);
  });

  it("rejects a reply that is not an array", () => {
    expect(() => parseClusterShards("nope", "seed")).toThrow(RequestError);
  });
});
