import { describe, expect, it } from "vitest";
import { ReadRouter, type RoutableNode } from "./read-routing.js";

interface TestNode extends RoutableNode {
  name: string;
}

const node = (name: string, availabilityZone?: string, usable = true): TestNode => ({
  name,
  availabilityZone,
  usable,
});

function picks(
  router: ReadRouter<TestNode>,
  primary: TestNode,
  replicas: TestNode[],
  count: number,
): string[] {
  return Array.from({ length: count }, () => router.pick(primary, replicas).name);
}

describe("ReadRouter", () => {
  const primary = node("p", "az1");

  it("primary always reads from the primary", () => {
    expect(picks(new ReadRouter("primary", undefined), primary, [node("r1")], 3)).toEqual([
      "p",
      "p",
      "p",
    ]);
  });

  it("preferReplica round-robins over usable replicas, falling back to the primary", () => {
    const router = new ReadRouter<TestNode>("preferReplica", undefined);
    expect(
      picks(router, primary, [node("r1"), node("r2"), node("down", undefined, false)], 4),
    ).toEqual(["r1", "r2", "r1", "r2"]);
    expect(picks(router, primary, [node("down", undefined, false)], 2)).toEqual(["p", "p"]);
    expect(picks(router, primary, [], 1)).toEqual(["p"]);
  });

  it("allNodes round-robins over the primary and the usable replicas", () => {
    const router = new ReadRouter<TestNode>("allNodes", undefined);
    expect(picks(router, primary, [node("r1"), node("down", undefined, false)], 4)).toEqual([
      "p",
      "r1",
      "p",
      "r1",
    ]);
  });

  it("AZAffinity prefers replicas in the client's zone, then any replica, then the primary", () => {
    const router = new ReadRouter<TestNode>("AZAffinity", "az1");
    const replicas = [node("r-az2", "az2"), node("r-az1", "az1")];
    expect(picks(router, primary, replicas, 2)).toEqual(["r-az1", "r-az1"]);
    expect(picks(router, primary, [node("r-az2", "az2")], 1)).toEqual(["r-az2"]);
    expect(picks(router, primary, [node("x", "az1", false)], 1)).toEqual(["p"]);
  });

  it("AZAffinityReplicasAndPrimary uses the local primary before remote replicas", () => {
    const router = new ReadRouter<TestNode>("AZAffinityReplicasAndPrimary", "az1");
    expect(picks(router, primary, [node("r-az2", "az2")], 2)).toEqual(["p", "p"]);
    expect(picks(router, node("p2", "az3"), [node("r-az2", "az2")], 1)).toEqual(["r-az2"]);
    expect(picks(router, primary, [node("r-az1", "az1"), node("r-az2", "az2")], 1)).toEqual([
      "r-az1",
    ]);
  });
});
