// CLUSTER SLOTS, SHARDS, NODES and INFO as a node reports them, built from the
// shared topology (or from the view a test told that node to report).

import type { ReplyFrame } from "@petrel/protocol";
import { array, bulk, integer, record, verbatim } from "../server/frames.js";
import type { ClusterNodeRecord, ClusterTopology, SlotRange } from "./topology.js";

/** The other address of the node: its hostname when IPs are the endpoints, its IP otherwise. */
function nodeMetadata(topology: ClusterTopology, node: ClusterNodeRecord): ReplyFrame {
  const fields: [string, ReplyFrame][] = [];
  if (topology.preferredEndpoint === "hostname") fields.push(["ip", bulk(node.host)]);
  else if (node.hostname !== undefined) fields.push(["hostname", bulk(node.hostname)]);
  if (node.availabilityZone !== undefined)
    fields.push(["availability-zone", bulk(node.availabilityZone)]);
  return record(fields);
}

function slotsNodeEntry(topology: ClusterTopology, node: ClusterNodeRecord): ReplyFrame {
  return array([
    bulk(topology.endpointOf(node)),
    integer(node.port),
    bulk(node.id),
    nodeMetadata(topology, node),
  ]);
}

/** CLUSTER SLOTS: one entry per contiguous range, ordered by slot; failed replicas left out. */
export function clusterSlotsReply(topology: ClusterTopology, askedNode: string): ReplyFrame {
  const owners = topology.ownersSeenBy(askedNode);
  const entries: { range: SlotRange; shard: number }[] = [];
  for (let shard = 0; shard < topology.shards.length; shard++) {
    for (const range of topology.rangesOf(shard, owners)) entries.push({ range, shard });
  }
  entries.sort((a, b) => a.range.start - b.range.start);
  return array(
    entries.map(({ range, shard }) => {
      const primary = topology.node(topology.shard(shard).primary);
      return array([
        integer(range.start),
        integer(range.end),
        slotsNodeEntry(topology, primary),
        ...topology.liveReplicas(shard).map((replica) => slotsNodeEntry(topology, replica)),
      ]);
    }),
  );
}

function shardNodeEntry(topology: ClusterTopology, node: ClusterNodeRecord): ReplyFrame {
  const fields: [string, ReplyFrame][] = [
    ["id", bulk(node.id)],
    ["port", integer(node.port)],
    ["ip", bulk(node.host)],
    ["endpoint", bulk(topology.endpointOf(node))],
  ];
  if (node.hostname !== undefined) fields.push(["hostname", bulk(node.hostname)]);
  if (node.availabilityZone !== undefined)
    fields.push(["availability-zone", bulk(node.availabilityZone)]);
  fields.push(
    ["role", bulk(node.role === "primary" ? "master" : "replica")],
    ["replication-offset", integer(node.replicationOffset)],
    ["health", bulk(node.alive ? "online" : "fail")],
  );
  return record(fields);
}

/** CLUSTER SHARDS: one map per shard with its slot pairs and nodes (maps in RESP3, flat arrays in RESP2). */
export function clusterShardsReply(topology: ClusterTopology, askedNode: string): ReplyFrame {
  const owners = topology.ownersSeenBy(askedNode);
  return array(
    topology.shards.map((shard, index) => {
      const slots = topology
        .rangesOf(index, owners)
        .flatMap((range) => [integer(range.start), integer(range.end)]);
      const members = [shard.primary, ...shard.replicas].map((id) =>
        shardNodeEntry(topology, topology.node(id)),
      );
      return record([
        ["slots", array(slots)],
        ["nodes", array(members)],
      ]);
    }),
  );
}

function formatRanges(ranges: readonly SlotRange[]): string[] {
  return ranges.map((range) =>
    range.start === range.end ? `${range.start}` : `${range.start}-${range.end}`,
  );
}

/** CLUSTER NODES: the text table, with migration markers on the asking node's own line. */
export function clusterNodesText(topology: ClusterTopology, askedNode: string): string {
  const owners = topology.ownersSeenBy(askedNode);
  const lines: string[] = [];
  for (const node of topology.nodes.values()) {
    const flags: string[] = [];
    if (node.id === askedNode) flags.push("myself");
    flags.push(node.role === "primary" ? "master" : "slave");
    if (!node.alive) flags.push("fail");
    const shard = topology.shard(node.shard);
    const primaryId = node.role === "replica" ? shard.primary : "-";
    const address = `${node.host}:${node.port}@${node.port + 10000}${node.hostname ? `,${node.hostname}` : ""}`;
    const parts = [
      node.id,
      address,
      flags.join(","),
      primaryId,
      "0",
      node.id === askedNode ? "0" : "1",
      `${topology.primaryOf(node.id).configEpoch}`,
      node.alive ? "connected" : "disconnected",
    ];
    if (node.role === "primary") parts.push(...formatRanges(topology.rangesOf(node.shard, owners)));
    if (node.id === askedNode) {
      for (const [slot, target] of topology.migrating.get(node.id) ?? [])
        parts.push(`[${slot}->-${target}]`);
      for (const [slot, source] of topology.importing.get(node.id) ?? [])
        parts.push(`[${slot}-<-${source}]`);
    }
    lines.push(parts.join(" "));
  }
  return `${lines.join("\n")}\n`;
}

export function clusterNodesReply(topology: ClusterTopology, askedNode: string): ReplyFrame {
  return verbatim(clusterNodesText(topology, askedNode));
}

/** CLUSTER INFO as `field:value` lines. */
export function clusterInfoText(topology: ClusterTopology, askedNode: string): string {
  const assigned = topology.assignedSlotCount(topology.ownersSeenBy(askedNode));
  const shardsWithSlots = topology.shards.filter((_, index) =>
    topology.owners.includes(index),
  ).length;
  const myEpoch = topology.primaryOf(askedNode).configEpoch;
  const fields: [string, string | number][] = [
    ["cluster_state", topology.stateOk ? "ok" : "fail"],
    ["cluster_slots_assigned", assigned],
    ["cluster_slots_ok", assigned],
    ["cluster_slots_pfail", 0],
    ["cluster_slots_fail", 0],
    ["cluster_known_nodes", topology.nodes.size],
    ["cluster_size", shardsWithSlots],
    ["cluster_current_epoch", topology.currentEpoch],
    ["cluster_my_epoch", myEpoch],
    ["cluster_stats_messages_sent", 0],
    ["cluster_stats_messages_received", 0],
    ["total_cluster_links_buffer_limit_exceeded", 0],
  ];
  return `${fields.map(([name, value]) => `${name}:${value}`).join("\r\n")}\r\n`;
}

export function clusterInfoReply(topology: ClusterTopology, askedNode: string): ReplyFrame {
  return verbatim(clusterInfoText(topology, askedNode));
}
