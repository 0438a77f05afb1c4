import { encodeReplyFrame } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { loopbackTopology } from "./test-support/loopback-topology.js";
import type { ClusterTopology } from "./topology.js";
import {
  clusterInfoText,
  clusterNodesText,
  clusterShardsReply,
  clusterSlotsReply,
} from "./topology-replies.js";

function topology(): ClusterTopology {
  const t = loopbackTopology(
    [
      ["aaaa", 7000, 0, "primary"],
      ["bbbb", 7001, 1, "primary"],
      ["cccc", 7002, 0, "replica"],
    ],
    1,
  );
  t.assign(0, 99, 0);
  t.assign(100, 16383, 1);
  return t;
}

describe("CLUSTER SLOTS", () => {
  it("lists ranges with the primary then live replicas", () => {
    const t = topology();
    const wire = encodeReplyFrame(clusterSlotsReply(t, "aaaa"), 2).toString();
    expect(wire).toBe(
      "*2\r\n" +
        "*4\r\n:0\r\n:99\r\n*4\r\n$9\r\n127.0.0.1\r\n:7000\r\n$4\r\naaaa\r\n*0\r\n*4\r\n$9\r\n127.0.0.1\r\n:7002\r\n$4\r\ncccc\r\n*0\r\n" +
        "*3\r\n:100\r\n:16383\r\n*4\r\n$9\r\n127.0.0.1\r\n:7001\r\n$4\r\nbbbb\r\n*0\r\n",
    );
    t.node("cccc").alive = false;
    const withoutReplica = clusterSlotsReply(t, "aaaa");
    expect(withoutReplica.type === "array" && withoutReplica.value?.[0]).toMatchObject({
      value: { length: 3 },
    });
  });

  it("writes metadata as a map in RESP3", () => {
    const t = topology();
    t.node("aaaa").hostname = "a.example";
    const wire = encodeReplyFrame(clusterSlotsReply(t, "bbbb"), 3).toString();
    expect(wire).toContain("%1\r\n$8\r\nhostname\r\n$9\r\na.example\r\n");
  });

  it("reports a per-node view when one is set", () => {
    const t = topology();
    t.reportedOwners.set("bbbb", new Int32Array(16384).fill(1));
    const reply = clusterSlotsReply(t, "bbbb");
    expect(reply.type === "array" && reply.value?.length).toBe(1);
  });
});

describe("CLUSTER SHARDS, NODES and INFO", () => {
  it("describes shards as maps", () => {
    const reply = clusterShardsReply(topology(), "aaaa");
    const wire2 = encodeReplyFrame(reply, 2).toString();
    const wire3 = encodeReplyFrame(reply, 3).toString();
    expect(wire2.startsWith("*2\r\n*4\r\n$5\r\nslots\r\n*2\r\n:0\r\n:99\r\n$5\r\nnodes\r\n")).toBe(
      true,
    );
    expect(wire3.startsWith("*2\r\n%2\r\n$5\r\nslots\r\n")).toBe(true);
    expect(wire3).toContain("$4\r\nrole\r\n$6\r\nmaster\r\n");
    expect(wire3).toContain("$4\r\nrole\r\n$7\r\nreplica\r\n");
  });

  it("marks myself and migrations in CLUSTER NODES", () => {
    const t = topology();
    t.migrating.get("aaaa")?.set(5, "bbbb");
    const text = clusterNodesText(t, "aaaa");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "aaaa 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-99 [5->-bbbb]",
    );
    expect(lines[2]).toBe("cccc 127.0.0.1:7002@17002 slave aaaa 0 1 1 connected");
    expect(clusterNodesText(t, "bbbb")).not.toContain("[5->-bbbb]");
  });

  it("reports state and sizes in CLUSTER INFO", () => {
    const t = topology();
    expect(clusterInfoText(t, "aaaa")).toContain(
      "cluster_state:ok\r\ncluster_slots_assigned:16384\r\n",
    );
    t.owners[3] = -1;
    const text = clusterInfoText(t, "aaaa");
    expect(text).toContain("cluster_state:fail\r\n");
    expect(text).toContain("cluster_size:2\r\n");
  });
});
