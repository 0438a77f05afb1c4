// planCommand: where a command goes, from its spec (flags, keys, request
// policy), the caller's explicit route and the read strategy. Pure: the
// randomness and the round-robin position are passed in.
import { type Command, CommandFlags, type ResponsePolicy, type Routes } from "@petrel/commands";
import { glideServerError, RequestError, serverErrorReply } from "@petrel/protocol";
import type { CommandShape } from "../slots/command-shape.js";
import { SLOT_COUNT, slotOf } from "../slots/slot-of.js";
import { isCrossSlot, slotOfCommand } from "../slots/slot-of-command.js";
import {
  type ClusterNode,
  type Shard,
  type SlotTable,
  UNASSIGNED_SLOT,
} from "../topology/topology.js";
import { findNode, splitHostPort } from "./address.js";
import { splitBySlot } from "./multi-slot-split.js";
import type {
  MultiNodePlan,
  NodeTarget,
  Plan,
  SingleNodePlan,
  UnroutablePlan,
  UnroutableReason,
} from "./plan.js";
import {
  chooseReadNode,
  createRoundRobin,
  isReadable,
  pickReplica,
  type ReadFrom,
  type RoundRobin,
} from "./read-from.js";

export interface PlanOptions {
  /** Where reads (READONLY commands) go. Default `primary`. */
  readonly readFrom?: ReadFrom | undefined;
  /** The client's availability zone, for the AZ strategies. */
  readonly clientAz?: string | undefined;
  /** Round-robin position shared by the client's reads. */
  readonly roundRobin?: RoundRobin | undefined;
  /** Uniform [0, 1) source for random-node choices. Default Math.random. */
  readonly random?: (() => number) | undefined;
}

const CROSSSLOT_MESSAGE = "CROSSSLOT Keys in request don't hash to the same slot";
const defaultRoundRobin = createRoundRobin();

/** Decides where `command` goes in `table`. Never throws for bad input: it returns an unroutable plan. */
export function planCommand<T>(
  command: Command<T>,
  table: SlotTable,
  options: PlanOptions = {},
): Plan<T> {
  if (table.nodes.length === 0) return unroutable("noNodes", undefined, "No cluster node is known");
  if (command.route !== undefined) return planRoute(command, command.route, table, options);
  switch (command.spec.request) {
    case "allNodes":
      return fanOut(command, table.nodes);
    case "allShards":
      return fanOut(command, primariesOf(table));
    case "multiShard":
      return planMultiShard(command, table, options);
    default:
      return planByKeys(command, table, options);
  }
}

function isRead(command: CommandShape): boolean {
  return (command.spec.flags & CommandFlags.READONLY) !== 0;
}

function isWrite(command: CommandShape): boolean {
  return (command.spec.flags & CommandFlags.WRITE) !== 0;
}

function planByKeys<T>(command: Command<T>, table: SlotTable, options: PlanOptions): Plan<T> {
  const slot = slotOfCommand(command);
  if (slot === undefined) return single(command, randomNode(command, table, options), undefined);
  if (isCrossSlot(slot)) {
    // What the server would answer (GLIDE sends the command and gets it), in GLIDE's words.
    const error = glideServerError(serverErrorReply(CROSSSLOT_MESSAGE));
    return { kind: "unroutable", reason: "crossSlot", slot: undefined, error };
  }
  return planSlot(command, table, slot, isRead(command) ? "read" : "primary", options);
}

function planMultiShard<T>(command: Command<T>, table: SlotTable, options: PlanOptions): Plan<T> {
  const split = splitBySlot(command);
  if (split === undefined) return planByKeys(command, table, options);
  const [onlyGroup] = split.groups;
  if (onlyGroup === undefined)
    return single(command, randomNode(command, table, options), undefined);
  const role = isRead(command) ? "read" : "primary";
  if (split.groups.length === 1) return planSlot(command, table, onlyGroup.slot, role, options);
  const targets: NodeTarget<T>[] = [];
  for (const group of split.groups) {
    const shard = shardOf(table, group.slot);
    if (shard === undefined) return slotNotServed(group.slot);
    const node = role === "read" ? chooseReadNode(shard, options) : shard.primary;
    targets.push({
      node,
      command: group.command,
      slot: group.slot,
      keyPositions: group.keyPositions,
    });
  }
  const plan: MultiNodePlan<T> = {
    kind: "multi",
    targets,
    response: command.spec.response,
    split: true,
    keyCount: split.keyCount,
  };
  return plan;
}

function planRoute<T>(
  command: Command<T>,
  route: Routes,
  table: SlotTable,
  options: PlanOptions,
): Plan<T> {
  if (route === "randomNode")
    return single(command, randomNode(command, table, options), undefined);
  if (route === "allPrimaries") return fanOut(command, primariesOf(table));
  if (route === "allNodes") return fanOut(command, table.nodes);
  // Routes come from JavaScript callers too: check shapes the types promise.
  if (typeof route !== "object" || route === null) return invalidRoute(route);
  switch (route.type) {
    case "primarySlotKey":
    case "replicaSlotKey":
      if (typeof route.key !== "string" && !Buffer.isBuffer(route.key)) return invalidRoute(route);
      return planSlot(
        command,
        table,
        slotOf(route.key),
        route.type === "primarySlotKey" ? "primary" : "replica",
        options,
      );
    case "primarySlotId":
    case "replicaSlotId":
      if (!Number.isInteger(route.id) || route.id < 0 || route.id >= SLOT_COUNT) {
        return unroutable(
          "invalidRoute",
          undefined,
          `Invalid slot id ${String(route.id)}: expected an integer from 0 to ${SLOT_COUNT - 1}`,
        );
      }
      return planSlot(
        command,
        table,
        route.id,
        route.type === "primarySlotId" ? "primary" : "replica",
        options,
      );
    case "routeByAddress":
      if (typeof route.host !== "string") return invalidRoute(route);
      return planAddress(command, route.host, route.port, table);
    default:
      return invalidRoute(route);
  }
}

function invalidRoute(route: unknown): UnroutablePlan {
  const shown = typeof route === "object" && route !== null ? JSON.stringify(route) : String(route);
  return unroutable("invalidRoute", undefined, `Invalid route: ${shown.slice(0, 200)}`);
}

function planAddress<T>(
  command: Command<T>,
  host: string,
  port: number | undefined,
  table: SlotTable,
): Plan<T> {
  let target: { host: string; port: number } | undefined;
  if (port === undefined) target = splitHostPort(host);
  else if (Number.isInteger(port) && port > 0 && port <= 65535) target = { host, port };
  if (target === undefined || target.host === "") {
    const shown = port === undefined ? host : `${host}:${String(port)}`;
    return unroutable(
      "invalidRoute",
      undefined,
      `Invalid address route "${shown}": expected host:port or host with port`,
    );
  }
  const node = findNode(table, target.host, target.port);
  if (node === undefined) {
    return unroutable(
      "unknownAddress",
      undefined,
      `No known node at ${target.host}:${target.port}`,
    );
  }
  return single(command, node, undefined);
}

type SlotRole = "primary" | "replica" | "read";

function planSlot<T>(
  command: Command<T>,
  table: SlotTable,
  slot: number,
  role: SlotRole,
  options: PlanOptions,
): Plan<T> {
  const shard = shardOf(table, slot);
  if (shard === undefined) return slotNotServed(slot);
  let node: ClusterNode;
  if (role === "primary") node = shard.primary;
  else if (role === "read") node = chooseReadNode(shard, options);
  else
    node = pickReplica(shard, undefined, options.roundRobin ?? defaultRoundRobin) ?? shard.primary;
  return single(command, node, slot);
}

function shardOf(table: SlotTable, slot: number): Shard | undefined {
  const index = table.slotToShard[slot];
  return index === undefined || index === UNASSIGNED_SLOT ? undefined : table.shards[index];
}

function primariesOf(table: SlotTable): ClusterNode[] {
  return table.shards.map((shard) => shard.primary);
}

/**
 * A random node for a keyless command: any primary for a write; for other
 * commands any node the read strategy reads from (only primaries under
 * `primary`, which may be the only connections the client opened).
 */
function randomNode(command: CommandShape, table: SlotTable, options: PlanOptions): ClusterNode {
  const random = options.random ?? Math.random;
  const primariesOnly = isWrite(command) || (options.readFrom ?? "primary") === "primary";
  const candidates = primariesOnly ? primariesOf(table) : table.nodes.filter(isReadable);
  const pool = candidates.length > 0 ? candidates : table.nodes;
  const index = Math.min(pool.length - 1, Math.max(0, Math.floor(random() * pool.length)));
  return pool[index] as ClusterNode;
}

function single<T>(
  command: Command<T>,
  node: ClusterNode,
  slot: number | undefined,
): SingleNodePlan<T> {
  return { kind: "single", node, command, slot, keyPositions: undefined };
}

function fanOut<T>(command: Command<T>, nodes: readonly ClusterNode[]): Plan<T> {
  if (nodes.length === 0) return unroutable("noNodes", undefined, "No cluster node is known");
  return {
    kind: "multi",
    targets: nodes.map((node) => ({ node, command, slot: undefined, keyPositions: undefined })),
    response: fanOutResponse(command),
    split: false,
    keyCount: 0,
  };
}

/**
 * A command whose own policy sends it to every node or shard and that names
 * no response policy gets the server's keyless default: arrays concatenated
 * (KEYS, SLOWLOG GET), as GLIDE does. Any other command fanned out by an
 * explicit route keeps "default": one reply per node address.
 */
function fanOutResponse(command: CommandShape): ResponsePolicy {
  const { request, response } = command.spec;
  if (response === "default" && (request === "allNodes" || request === "allShards"))
    return "combineArrays";
  return response;
}

function slotNotServed(slot: number): UnroutablePlan {
  return unroutable("slotNotServed", slot, `Hash slot ${slot} is not served by any known node`);
}

function unroutable(
  reason: UnroutableReason,
  slot: number | undefined,
  message: string,
): UnroutablePlan {
  return { kind: "unroutable", reason, slot, error: new RequestError(message) };
}
