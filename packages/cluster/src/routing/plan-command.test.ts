import type { Command, Routes } from "@petrel/commands";
import type { RespValue } from "@petrel/protocol";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { slotOf } from "../slots/slot-of.js";
import { command, spec, specs } from "../test-support/commands.js";
import { threeShardSlots } from "../test-support/replies.js";
import { parseClusterSlots } from "../topology/parse-cluster-slots.js";
import type { MultiNodePlan, Plan, SingleNodePlan, UnroutablePlan } from "./plan.js";
import { type PlanOptions, planCommand } from "./plan-command.js";
import { createRoundRobin } from "./read-from.js";

const topology = parseClusterSlots(threeShardSlots(), "seed");
const primaries = ["127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"];
const replicas = ["127.0.0.1:7003", "127.0.0.1:7004", "127.0.0.1:7005"];

function single(plan: Plan): SingleNodePlan {
  if (plan.kind !== "single") throw new Error(`expected a single-node plan, got ${plan.kind}`);
  return plan;
}

function multi(plan: Plan): MultiNodePlan {
  if (plan.kind !== "multi") throw new Error(`expected a multi-node plan, got ${plan.kind}`);
  return plan;
}

function unroutable(plan: Plan): UnroutablePlan {
  if (plan.kind !== "unroutable") throw new Error(`expected an unroutable plan, got ${plan.kind}`);
  return plan;
}

function routed(cmd: Command, route: Routes, options?: PlanOptions): Plan {
  return planCommand({ ...cmd, route }, topology, options);
}

/** A key whose slot is in the given shard's range. */
function keyIn(shardIndex: number, prefix = "k"): string {
  for (let i = 0; ; i++) {
    const key = `${prefix}${i}`;
    if (topology.slotToShard[slotOf(key)] === shardIndex) return key;
  }
}

describe("planCommand: keyed commands", () => {
  it("sends a single-key command to the slot's primary and names the slot", () => {
    const plan = single(planCommand(command(specs.get, ["GET", "foo"]), topology));
    expect(plan.node.address).toBe("127.0.0.1:7002");
    expect(plan.slot).toBe(12182);
    expect(plan.keyPositions).toBeUndefined();
  });

  it("sends reads to replicas per ReadFrom, and writes to the primary", () => {
    const options: PlanOptions = { readFrom: "preferReplica", roundRobin: createRoundRobin() };
    expect(
      single(planCommand(command(specs.get, ["GET", "foo"]), topology, options)).node.address,
    ).toBe("127.0.0.1:7005");
    expect(
      single(planCommand(command(specs.set, ["SET", "foo", "1"]), topology, options)).node.address,
    ).toBe("127.0.0.1:7002");
    // No READONLY flag: not a read even when it writes nothing.
    expect(
      single(planCommand(command(specs.eval, ["EVAL", "s", "1", "foo"]), topology, options)).node
        .address,
    ).toBe("127.0.0.1:7002");
  });

  it("rejects keys in different slots of a non-splittable command with CROSSSLOT", () => {
    const plan = unroutable(planCommand(command(specs.sinter, ["SINTER", "foo", "bar"]), topology));
    expect(plan.reason).toBe("crossSlot");
    expect(plan.error).toBeInstanceOf(RequestError);
    expect(plan.error.message).toBe(
      "An error was signalled by the server: - CrossSlot: Keys in request don't hash to the same slot",
    );
    expect((plan.error as RequestError).serverMessage).toBe(
      "CROSSSLOT Keys in request don't hash to the same slot",
    );
  });

  it("reports a slot no shard serves", () => {
    const partial = parseClusterSlots(threeShardSlots().slice(0, 2) as RespValue[], "seed");
    const plan = unroutable(planCommand(command(specs.get, ["GET", "foo"]), partial));
    expect(plan.reason).toBe("slotNotServed");
    expect(plan.slot).toBe(12182);
    expect(plan.error.message).toMatch(/12182/);
  });

  it("reports an empty view", () => {
    const plan = unroutable(
      planCommand(command(specs.get, ["GET", "foo"]), parseClusterSlots([], "seed")),
    );
    expect(plan.reason).toBe("noNodes");
  });
});

describe("planCommand: keyless commands", () => {
  it("sends a keyless command to a random primary under ReadFrom primary", () => {
    const seen = new Set<string>();
    for (const r of [0, 0.34, 0.67, 0.999999]) {
      seen.add(
        single(planCommand(command(specs.ping, ["PING"]), topology, { random: () => r })).node
          .address,
      );
    }
    expect([...seen].sort()).toEqual(primaries);
  });

  it("may send a keyless non-write to any readable node when reading from replicas", () => {
    const plan = single(
      planCommand(command(specs.echo, ["ECHO", "x"]), topology, {
        readFrom: "preferReplica",
        random: () => 0.99,
      }),
    );
    expect(plan.node.address).toBe("127.0.0.1:7005");
  });

  it("sends a keyless write to a primary", () => {
    const plan = single(
      planCommand(command(specs.flushallWrite, ["SCRIPT", "FLUSH"]), topology, {
        readFrom: "preferReplica",
        random: () => 0.99,
      }),
    );
    expect(primaries).toContain(plan.node.address);
  });

  it("clamps a random source that returns 1", () => {
    const plan = single(planCommand(command(specs.ping, ["PING"]), topology, { random: () => 1 }));
    expect(plan.node.address).toBe("127.0.0.1:7002");
  });
});

describe("planCommand: request policies", () => {
  it("allNodes fans out to every node with the command's response policy", () => {
    const plan = multi(
      planCommand(command(specs.configSet, ["CONFIG", "SET", "a", "b"]), topology),
    );
    expect(plan.targets.map((target) => target.node.address).sort()).toEqual(
      [...primaries, ...replicas].sort(),
    );
    expect(plan.response).toBe("allSucceeded");
    expect(plan.split).toBe(false);
  });

  it("allShards fans out to every primary", () => {
    const plan = multi(planCommand(command(specs.dbsize, ["DBSIZE"]), topology));
    expect(plan.targets.map((target) => target.node.address)).toEqual(primaries);
    expect(plan.response).toBe("aggSum");
  });

  it("gives an all-shards command without a response policy the keyless default: concatenation", () => {
    const keysDefault = spec("KEYS", { request: "allShards", response: "default" });
    expect(multi(planCommand(command(keysDefault, ["KEYS", "*"]), topology)).response).toBe(
      "combineArrays",
    );
  });
});

describe("planCommand: explicit routes", () => {
  const echo = command(specs.echo, ["ECHO", "x"]);

  it("randomNode: a random node, a primary for writes", () => {
    expect(
      single(routed(echo, "randomNode", { readFrom: "preferReplica", random: () => 0.99 })).node
        .address,
    ).toBe("127.0.0.1:7005");
    const write = command(specs.set, ["SET", "k", "v"]);
    expect(primaries).toContain(
      single(routed(write, "randomNode", { readFrom: "preferReplica", random: () => 0.99 })).node
        .address,
    );
  });

  it("allPrimaries and allNodes keep a default response as a per-address record", () => {
    const toPrimaries = multi(routed(echo, "allPrimaries"));
    expect(toPrimaries.targets.map((target) => target.node.address)).toEqual(primaries);
    expect(toPrimaries.response).toBe("default");
    expect(multi(routed(echo, "allNodes")).targets).toHaveLength(6);
  });

  it("an explicit route overrides the command's own policy and keys", () => {
    expect(multi(routed(command(specs.dbsize, ["DBSIZE"]), "allNodes")).targets).toHaveLength(6);
    expect(
      single(routed(command(specs.get, ["GET", "foo"]), { type: "primarySlotKey", key: "bar" }))
        .slot,
    ).toBe(5061);
  });

  it("slot key routes go to the primary or a replica of the key's shard", () => {
    expect(single(routed(echo, { type: "primarySlotKey", key: "foo" })).node.address).toBe(
      "127.0.0.1:7002",
    );
    const replica = single(routed(echo, { type: "replicaSlotKey", key: "foo" }));
    expect(replica.node.address).toBe("127.0.0.1:7005");
    expect(replica.slot).toBe(12182);
  });

  it("slot id routes validate the id", () => {
    expect(single(routed(echo, { type: "primarySlotId", id: 0 })).node.address).toBe(
      "127.0.0.1:7000",
    );
    expect(single(routed(echo, { type: "replicaSlotId", id: 16383 })).node.address).toBe(
      "127.0.0.1:7005",
    );
    for (const id of [-1, 16384, 1.5, Number.NaN]) {
      const plan = unroutable(routed(echo, { type: "primarySlotId", id }));
      expect(plan.reason).toBe("invalidRoute");
    }
  });

  it("routeByAddress accepts host:port or host with port", () => {
    expect(single(routed(echo, { type: "routeByAddress", host: "127.0.0.1:7004" })).node.role).toBe(
      "replica",
    );
    expect(
      single(routed(echo, { type: "routeByAddress", host: "127.0.0.1", port: 7001 })).node.address,
    ).toBe("127.0.0.1:7001");
  });

  it("rejects routes of the wrong shape from JavaScript callers", () => {
    for (const route of [
      null,
      "somewhere",
      42,
      { type: "nope" },
      { type: "primarySlotKey" },
      { type: "routeByAddress", host: 7 },
    ]) {
      const plan = unroutable(routed(echo, route as unknown as Routes));
      expect(plan.reason).toBe("invalidRoute");
      expect(plan.error.message).toMatch(/^Invalid route/);
    }
  });

  it("routeByAddress rejects unknown and malformed addresses", () => {
    expect(
      unroutable(routed(echo, { type: "routeByAddress", host: "10.9.9.9", port: 1 })).reason,
    ).toBe("unknownAddress");
    for (const route of [
      { type: "routeByAddress", host: "nohost" },
      { type: "routeByAddress", host: ":7000" },
      { type: "routeByAddress", host: "h", port: 0 },
      { type: "routeByAddress", host: "h:99999" },
    ] as const) {
      expect(unroutable(routed(echo, route)).reason).toBe("invalidRoute");
    }
  });
});

describe("planCommand: multi-slot split", () => {
  it("splits per slot even when two slots share a node", () => {
    const sameNode = [keyIn(0, "a"), keyIn(0, "b")];
    expect(slotOf(sameNode[0] as string)).not.toBe(slotOf(sameNode[1] as string));
    const other = keyIn(2, "c");
    const plan = multi(
      planCommand(
        command(specs.mget, ["MGET", sameNode[0] as string, other, sameNode[1] as string]),
        topology,
      ),
    );
    expect(plan.split).toBe(true);
    expect(plan.keyCount).toBe(3);
    expect(plan.response).toBe("default");
    expect(plan.targets.map((target) => target.command.args)).toEqual([
      ["MGET", sameNode[0]],
      ["MGET", other],
      ["MGET", sameNode[1]],
    ]);
    expect(plan.targets.map((target) => target.keyPositions)).toEqual([[0], [1], [2]]);
    expect(plan.targets.map((target) => target.node.address)).toEqual([
      "127.0.0.1:7000",
      "127.0.0.1:7002",
      "127.0.0.1:7000",
    ]);
    expect(plan.targets.every((target) => target.command.spec === specs.mget)).toBe(true);
  });

  it("keeps keys of one slot together (DEL {foo} {foo}1 bar)", () => {
    const plan = multi(
      planCommand(command(specs.del, ["DEL", "{foo}", "{foo}1", "bar"]), topology),
    );
    expect(plan.targets.map((target) => target.command.args)).toEqual([
      ["DEL", "{foo}", "{foo}1"],
      ["DEL", "bar"],
    ]);
    expect(plan.targets.map((target) => target.slot)).toEqual([12182, 5061]);
    expect(plan.targets.map((target) => target.keyPositions)).toEqual([[0, 1], [2]]);
    expect(plan.response).toBe("aggSum");
  });

  it("carries MSET values with their keys", () => {
    const plan = multi(
      planCommand(command(specs.mset, ["MSET", "foo", "1", "bar", "2", "{foo}z", "3"]), topology),
    );
    expect(plan.targets.map((target) => target.command.args)).toEqual([
      ["MSET", "foo", "1", "{foo}z", "3"],
      ["MSET", "bar", "2"],
    ]);
    expect(plan.response).toBe("allSucceeded");
  });

  it("splits EXISTS and WATCH, and sends split reads to replicas per ReadFrom", () => {
    expect(
      multi(planCommand(command(specs.watch, ["WATCH", "foo", "bar"]), topology)).targets,
    ).toHaveLength(2);
    const plan = multi(
      planCommand(command(specs.exists, ["EXISTS", "foo", "bar"]), topology, {
        readFrom: "preferReplica",
      }),
    );
    expect(plan.targets.map((target) => target.node.role)).toEqual(["replica", "replica"]);
  });

  it("does not split when every key is in one slot", () => {
    const plan = single(planCommand(command(specs.mget, ["MGET", "{t}a", "{t}b"]), topology));
    expect(plan.command.args).toEqual(["MGET", "{t}a", "{t}b"]);
    expect(plan.slot).toBe(slotOf("t"));
  });

  it("fails the whole command when one slot is not served", () => {
    const partial = parseClusterSlots(threeShardSlots().slice(0, 2) as RespValue[], "seed");
    const plan = unroutable(planCommand(command(specs.mget, ["MGET", "bar", "foo"]), partial));
    expect(plan.reason).toBe("slotNotServed");
    expect(plan.slot).toBe(12182);
  });

  it("sends a key-less call of a multi-key command to one node (the server reports arity)", () => {
    expect(planCommand(command(specs.mget, ["MGET"]), topology).kind).toBe("single");
  });
});
