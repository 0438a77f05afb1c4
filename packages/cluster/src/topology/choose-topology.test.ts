import type { RespValue } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { threeShardSlots } from "../test-support/replies.js";
import { chooseTopology } from "./choose-topology.js";
import { parseClusterSlots } from "./parse-cluster-slots.js";

const full = () => parseClusterSlots(threeShardSlots(), "seed");
// Slot 0-5460 moved to a new primary.
const moved = () =>
  parseClusterSlots(
    [
      [0, 5460, ["127.0.0.1", 7010, "n"]],
      [5461, 10922, ["127.0.0.1", 7001, "b0"], ["127.0.0.1", 7004, "b1"]],
      [10923, 16383, ["127.0.0.1", 7002, "c0"], ["127.0.0.1", 7005, "c1"]],
    ],
    "seed",
  );
const partial = () => parseClusterSlots(threeShardSlots().slice(0, 2) as RespValue[], "seed");

describe("fingerprint", () => {
  it("ignores the order shards and replicas were listed in", () => {
    const reversed = parseClusterSlots(
      [
        [10923, 16383, ["127.0.0.1", 7002], ["127.0.0.1", 7005]],
        [0, 5460, ["127.0.0.1", 7000], ["127.0.0.1", 7003]],
        [5461, 10922, ["127.0.0.1", 7001], ["127.0.0.1", 7004]],
      ],
      "seed",
    );
    expect(reversed.fingerprint).toBe(full().fingerprint);
    const twoReplicas = (order: number[]) =>
      parseClusterSlots(
        [[0, 16383, ["h", 1], ...order.map((port) => ["h", port] as RespValue)]],
        "seed",
      ).fingerprint;
    expect(twoReplicas([2, 3])).toBe(twoReplicas([3, 2]));
  });

  it("changes when a slot, a node, an AZ or a replica's health changes", () => {
    const base = full().fingerprint;
    expect(moved().fingerprint).not.toBe(base);
    expect(partial().fingerprint).not.toBe(base);
    const withAz = threeShardSlots();
    (withAz[0] as RespValue[])[3] = ["127.0.0.1", 7003, "a1", ["availability-zone", "az-9"]];
    expect(parseClusterSlots(withAz, "seed").fingerprint).not.toBe(base);
  });
});

describe("chooseTopology", () => {
  it("picks the view most nodes report", () => {
    const choice = chooseTopology([moved(), full(), full(), moved(), full()]);
    expect(choice?.topology.fingerprint).toBe(full().fingerprint);
    expect(choice?.votes).toBe(3);
    expect(choice?.majority).toBe(true);
  });

  it("breaks a tie by coverage, whatever the order", () => {
    for (const views of [
      [partial(), full()],
      [full(), partial()],
    ]) {
      const choice = chooseTopology(views);
      expect(choice?.topology.coveredSlots).toBe(16384);
      expect(choice?.majority).toBe(false);
    }
  });

  it("breaks a full tie deterministically", () => {
    const a = chooseTopology([moved(), full()])?.topology.fingerprint;
    const b = chooseTopology([full(), moved()])?.topology.fingerprint;
    expect(a).toBe(b);
    expect(a).toBeDefined();
  });

  it("ignores empty views and returns undefined when nothing covers a slot", () => {
    const empty = parseClusterSlots([], "seed");
    expect(chooseTopology([])).toBeUndefined();
    expect(chooseTopology([empty, empty])).toBeUndefined();
    expect(chooseTopology([empty, empty, partial()])?.topology.coveredSlots).toBe(
      partial().coveredSlots,
    );
  });
});
