// CLUSTER SHARDS → Topology. Shards and nodes are maps (RESP3) or flat
// key/value arrays (RESP2), read by key: the server's field order differs from
// the documentation's. Shards that serve no slot are left out, so the view
// matches the one CLUSTER SLOTS gives.
import { RequestError, type RespValue } from "@petrel/protocol";
import { SLOT_COUNT } from "../slots/slot-of.js";
import { endpointHost, portOf } from "./endpoint.js";
import { arrayOf, entriesOf, integerOf, optionalTextOf, textOf } from "./resp-read.js";
import {
  buildTopology,
  type NodeHealth,
  type NodeInput,
  type ShardInput,
  type SlotRange,
  type Topology,
} from "./topology.js";

export interface ParseShardsOptions {
  /** Connect with TLS: prefer each node's `tls-port`. */
  readonly tls?: boolean;
}

interface ShardNode extends NodeInput {
  readonly isPrimary: boolean;
}

export function parseClusterShards(
  reply: RespValue,
  seedHost: string,
  options: ParseShardsOptions = {},
): Topology {
  const shardList = arrayOf(reply);
  if (shardList === undefined)
    throw new RequestError("Invalid CLUSTER SHARDS reply: expected an array of shards");
  const shards: ShardInput[] = [];
  for (const shardValue of shardList) {
    const shard = entriesOf(shardValue);
    if (shard === undefined) continue;
    const slotRanges = parseSlotPairs(shard.get("slots"));
    if (slotRanges.length === 0) continue;
    const nodes: ShardNode[] = [];
    for (const nodeValue of arrayOf(shard.get("nodes")) ?? []) {
      const node = parseShardNode(nodeValue, seedHost, options.tls === true);
      if (node !== undefined) nodes.push(node);
    }
    // After a failover a failed old primary can still be listed as one; the
    // live primary wins.
    const primary =
      nodes.find((node) => node.isPrimary && node.health !== "fail") ??
      nodes.find((node) => node.isPrimary);
    if (primary === undefined) continue;
    const id = textOf(shard.get("id"));
    shards.push({
      id: id === "" ? undefined : id,
      primary,
      replicas: nodes.filter((node) => node !== primary && !node.isPrimary),
      slotRanges,
    });
  }
  return buildTopology(shards);
}

function parseSlotPairs(value: RespValue | undefined): SlotRange[] {
  const bounds = arrayOf(value);
  if (bounds === undefined) return [];
  const ranges: SlotRange[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    const start = integerOf(bounds[i]);
    const end = integerOf(bounds[i + 1]);
    if (start !== undefined && end !== undefined && start >= 0 && start <= end && end < SLOT_COUNT)
      ranges.push({ start, end });
  }
  return ranges;
}

function parseShardNode(value: RespValue, seedHost: string, tls: boolean): ShardNode | undefined {
  const fields = entriesOf(value);
  if (fields === undefined) return undefined;
  const host = endpointHost(fields.get("endpoint"), seedHost);
  const plainPort = portOf(fields.get("port"));
  const tlsPort = portOf(fields.get("tls-port"));
  const port = tls ? (tlsPort ?? plainPort) : (plainPort ?? tlsPort);
  if (host === undefined || port === undefined) return undefined;
  const role = textOf(fields.get("role"))?.toLowerCase();
  const id = textOf(fields.get("id"));
  return {
    host,
    port,
    isPrimary: role === "master" || role === "primary",
    id: id === "" ? undefined : id,
    az: optionalTextOf(fields.get("availability-zone")),
    health: healthOf(textOf(fields.get("health"))),
    hostname: optionalTextOf(fields.get("hostname")),
    ip: optionalTextOf(fields.get("ip")),
    replicationOffset: integerOf(fields.get("replication-offset")),
  };
}

function healthOf(text: string | undefined): NodeHealth {
  if (text === "loading") return "loading";
  if (text === "fail") return "fail";
  return "online";
}
