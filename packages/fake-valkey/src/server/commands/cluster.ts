// CLUSTER subcommands and the per-connection cluster flags READONLY,
// READWRITE and ASKING. A standalone node refuses them like the server.

import type { ReplyFrame } from "@petrel/protocol";
import { keySlot, SLOT_COUNT } from "../../cluster/slot.js";
import type { ClusterTopology } from "../../cluster/topology.js";
import {
  clusterInfoReply,
  clusterNodesReply,
  clusterShardsReply,
  clusterSlotsReply,
} from "../../cluster/topology-replies.js";
import { arg } from "../../data/command.js";
import type { CommandDef } from "../command-table.js";
import { container } from "../command-table.js";
import { array, bulk, error, integer, OK } from "../frames.js";
import type { ClusterMembership } from "../node.js";
import type { Session } from "../session.js";

const DISABLED = "ERR This instance has cluster support disabled";
const INVALID_SETSLOT =
  "ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP";
const latin1 = (value: Buffer | undefined) => (value ?? Buffer.alloc(0)).toString("latin1");

function requireCluster(
  run: (
    session: Session,
    args: Buffer[],
    cluster: ClusterMembership,
  ) => ReturnType<CommandDef["run"]>,
): CommandDef["run"] {
  return (session, args) => {
    const cluster = session.node.cluster;
    if (cluster === undefined) return error(DISABLED);
    return run(session, args, cluster);
  };
}

function sub(name: string, arity: number, run: CommandDef["run"]): CommandDef {
  return { name: `cluster|${name}`, arity, flags: [], group: "cluster", run };
}

/** A CLUSTER subcommand that reports the topology as the asked node sees it. */
function topologyReport(
  name: string,
  reply: (topology: ClusterTopology, askedNode: string) => ReplyFrame,
): CommandDef {
  return sub(
    name,
    2,
    requireCluster((session, _args, cluster) => reply(cluster.topology, session.node.id)),
  );
}

function parseSlot(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const slot = Number(text);
  return slot < SLOT_COUNT ? slot : undefined;
}

function keysInSlot(session: Session, slot: number): Buffer[] {
  return session.node
    .database(0)
    .keys()
    .filter((key) => keySlot(key) === slot);
}

const setSlot = sub(
  "setslot",
  -4,
  requireCluster((session, args, cluster) => {
    const topology = cluster.topology;
    const slot = parseSlot(latin1(args[2]));
    if (slot === undefined) return error(`ERR Invalid or out of range slot`);
    const action = latin1(args[3]).toLowerCase();
    const self = session.node.id;
    const target = args[4] === undefined ? undefined : latin1(args[4]);
    if (action === "stable") {
      topology.migrating.get(self)?.delete(slot);
      topology.importing.get(self)?.delete(slot);
      return OK;
    }
    if (target === undefined) return error(INVALID_SETSLOT);
    if (!topology.nodes.has(target)) return error(`ERR I don't know about node ${target}`);
    if (action === "migrating") {
      if (topology.ownerOf(slot)?.id !== self)
        return error(`ERR I'm not the owner of hash slot ${slot}`);
      topology.migrating.get(self)?.set(slot, target);
      return OK;
    }
    if (action === "importing") {
      if (topology.ownerOf(slot)?.id === self)
        return error(`ERR I'm already the owner of hash slot ${slot}`);
      topology.importing.get(self)?.set(slot, target);
      return OK;
    }
    if (action === "node") {
      topology.owners[slot] = topology.node(target).shard;
      topology.migrating.get(self)?.delete(slot);
      topology.importing.get(self)?.delete(slot);
      if (target === self) {
        topology.currentEpoch++;
        topology.node(self).configEpoch = topology.currentEpoch;
      }
      return OK;
    }
    return error(INVALID_SETSLOT);
  }),
);

const clusterSubcommands: CommandDef[] = [
  topologyReport("slots", clusterSlotsReply),
  topologyReport("shards", clusterShardsReply),
  topologyReport("nodes", clusterNodesReply),
  topologyReport("info", clusterInfoReply),
  sub(
    "myid",
    2,
    requireCluster((session) => bulk(session.node.id)),
  ),
  sub(
    "myshardid",
    2,
    requireCluster((session, _args, cluster) =>
      bulk(cluster.topology.shard(cluster.topology.node(session.node.id).shard).id),
    ),
  ),
  sub(
    "keyslot",
    3,
    requireCluster((_session, args) => integer(keySlot(arg(args, 2)))),
  ),
  sub(
    "countkeysinslot",
    3,
    requireCluster((session, args) => {
      const slot = parseSlot(latin1(args[2]));
      if (slot === undefined) return error("ERR Invalid slot");
      return integer(keysInSlot(session, slot).length);
    }),
  ),
  sub(
    "getkeysinslot",
    4,
    requireCluster((session, args) => {
      const slot = parseSlot(latin1(args[2]));
      const countText = latin1(args[3]);
      const count = /^\d+$/.test(countText) ? Number(countText) : -1;
      if (slot === undefined || count < 0) return error("ERR Invalid slot or number of keys");
      return array(
        keysInSlot(session, slot)
          .slice(0, count)
          .map((key) => bulk(key)),
      );
    }),
  ),
  setSlot,
];

function flagCommand(name: string, apply: (session: Session) => void): CommandDef {
  return {
    name,
    arity: 1,
    flags: ["fast"],
    group: "cluster",
    run(session) {
      if (session.node.cluster === undefined) return error(DISABLED);
      apply(session);
      return OK;
    },
  };
}

export const fakeClusterHandlers: readonly CommandDef[] = [
  container("cluster", "cluster", clusterSubcommands),
  flagCommand("readonly", (session) => {
    session.readonlyMode = true;
  }),
  flagCommand("readwrite", (session) => {
    session.readonlyMode = false;
  }),
  flagCommand("asking", (session) => {
    session.asking = true;
  }),
];
