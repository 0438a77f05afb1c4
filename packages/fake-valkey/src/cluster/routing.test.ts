import { beforeEach, describe, expect, it } from "vitest";
import {
  CROSSSLOT_ERROR,
  type RouteQuery,
  routeQuery,
  TRYAGAIN_ERROR,
  UNBOUND_ERROR,
} from "./routing.js";
import { keySlot } from "./slot.js";
import { loopbackTopology } from "./test-support/loopback-topology.js";
import type { ClusterTopology } from "./topology.js";

// Two shards, one replica each: A (7000) + A' (7002) own 0-8191, B (7001) + B' (7003) own 8192-16383.
function twoShards(): ClusterTopology {
  const topology = loopbackTopology([
    ["a", 7000, 0, "primary"],
    ["b", 7001, 1, "primary"],
    ["a2", 7002, 0, "replica"],
    ["b2", 7003, 1, "replica"],
  ]);
  topology.assign(0, 8191, 0);
  topology.assign(8192, 16383, 1);
  return topology;
}

const key = (text: string) => Buffer.from(text);
// "foo" → 12182 (shard 1), "bar" → 5061 (shard 0).
const base: Omit<RouteQuery, "self" | "keys"> = {
  keyExists: () => false,
  isWrite: true,
  readonlyConnection: false,
  asking: false,
};

describe("routeQuery", () => {
  let topology: ClusterTopology;
  beforeEach(() => {
    topology = twoShards();
  });

  it("serves keyless commands anywhere", () => {
    expect(routeQuery(topology, { ...base, self: "b2", keys: [] })).toEqual({ kind: "serve" });
  });

  it("serves keys it owns and answers MOVED for the rest", () => {
    expect(routeQuery(topology, { ...base, self: "b", keys: [key("foo")] })).toEqual({
      kind: "serve",
      slot: 12182,
    });
    expect(routeQuery(topology, { ...base, self: "a", keys: [key("foo")] })).toEqual({
      kind: "redirect",
      error: "MOVED 12182 127.0.0.1:7001",
    });
  });

  it("answers CROSSSLOT for keys in different slots, even on the owner", () => {
    const decision = routeQuery(topology, { ...base, self: "a", keys: [key("bar"), key("foo")] });
    expect(decision).toEqual({ kind: "redirect", error: CROSSSLOT_ERROR });
  });

  it("answers CLUSTERDOWN for an unassigned slot, and when the cluster is down", () => {
    topology.owners[5061] = -1;
    expect(routeQuery(topology, { ...base, self: "a", keys: [key("bar")] })).toEqual({
      kind: "redirect",
      error: UNBOUND_ERROR,
    });
    topology.owners[5061] = 0;
    topology.forcedDown = true;
    expect(routeQuery(topology, { ...base, self: "a", keys: [key("bar")] })).toEqual({
      kind: "redirect",
      error: "CLUSTERDOWN The cluster is down",
    });
    const down = { ...base, self: "a", keys: [key("bar")], allowReadsWhenDown: true };
    expect(routeQuery(topology, { ...down, isWrite: false })).toEqual({
      kind: "serve",
      slot: 5061,
    });
    expect(routeQuery(topology, down)).toEqual({
      kind: "redirect",
      error: "CLUSTERDOWN The cluster is down and only accepts read commands",
    });
  });

  it("lets a READONLY replica serve reads of its primary's slots, never writes", () => {
    const read = { ...base, self: "b2", keys: [key("foo")], isWrite: false };
    expect(routeQuery(topology, read)).toEqual({
      kind: "redirect",
      error: "MOVED 12182 127.0.0.1:7001",
    });
    expect(routeQuery(topology, { ...read, readonlyConnection: true })).toEqual({
      kind: "serve",
      slot: 12182,
    });
    expect(routeQuery(topology, { ...read, readonlyConnection: true, isWrite: true }).kind).toBe(
      "redirect",
    );
    expect(routeQuery(topology, { ...read, self: "a2", readonlyConnection: true })).toEqual({
      kind: "redirect",
      error: "MOVED 12182 127.0.0.1:7001",
    });
  });

  describe("during a migration of slot 12182 from b to a", () => {
    const slot = keySlot("foo");
    const sameSlot = key("foo");
    // A second key in slot 12182 through a hash tag.
    const other = key("{foo}x");
    beforeEach(() => {
      topology.migrating.get("b")?.set(slot, "a");
      topology.importing.get("a")?.set(slot, "b");
    });

    it("serves on the source when every key exists", () => {
      const decision = routeQuery(topology, {
        ...base,
        self: "b",
        keys: [sameSlot, other],
        keyExists: () => true,
      });
      expect(decision).toEqual({ kind: "serve", slot });
    });

    it("answers ASK on the source when no key exists", () => {
      expect(routeQuery(topology, { ...base, self: "b", keys: [sameSlot] })).toEqual({
        kind: "redirect",
        error: `ASK ${slot} 127.0.0.1:7000`,
      });
    });

    it("answers TRYAGAIN on the source when only some keys exist", () => {
      const keyExists = (k: Buffer) => k.equals(sameSlot);
      expect(
        routeQuery(topology, { ...base, self: "b", keys: [sameSlot, other], keyExists }),
      ).toEqual({
        kind: "redirect",
        error: TRYAGAIN_ERROR,
      });
    });

    it("answers MOVED on the target without ASKING and serves with it", () => {
      expect(routeQuery(topology, { ...base, self: "a", keys: [sameSlot] })).toEqual({
        kind: "redirect",
        error: `MOVED ${slot} 127.0.0.1:7001`,
      });
      expect(routeQuery(topology, { ...base, self: "a", keys: [sameSlot], asking: true })).toEqual({
        kind: "serve",
        slot,
      });
    });

    it("answers TRYAGAIN on the target for several keys with some missing", () => {
      const keyExists = (k: Buffer) => k.equals(sameSlot);
      const query = { ...base, self: "a", keys: [sameSlot, other], keyExists, asking: true };
      expect(routeQuery(topology, query)).toEqual({ kind: "redirect", error: TRYAGAIN_ERROR });
      expect(routeQuery(topology, { ...query, keys: [sameSlot, sameSlot] })).toEqual({
        kind: "serve",
        slot,
      });
    });

    it("never looks up sharded channels", () => {
      const query = {
        ...base,
        self: "b",
        keys: [sameSlot],
        shardChannels: true,
        keyExists: () => false,
      };
      expect(routeQuery(topology, query)).toEqual({ kind: "serve", slot });
    });
  });
});
