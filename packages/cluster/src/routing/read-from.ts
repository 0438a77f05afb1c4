// Which node of a shard serves a read, per GLIDE's ReadFrom strategies.
// Loading and failed replicas are never chosen. Choices count eligible nodes
// and pick the n-th instead of building filtered arrays: this runs per read.
import type { ClusterNode, Shard } from "../topology/topology.js";

/** GLIDE's read strategies (`ReadFrom` in GLIDE's BaseClient). */
export type ReadFrom =
  | "primary"
  | "preferReplica"
  | "AZAffinity"
  | "AZAffinityReplicasAndPrimary"
  | "allNodes";

/** Round-robin position shared by the reads of one client; the router only increments it. */
export interface RoundRobin {
  counter: number;
}

export function createRoundRobin(): RoundRobin {
  return { counter: 0 };
}

export interface ReadChoiceOptions {
  readonly readFrom?: ReadFrom | undefined;
  readonly clientAz?: string | undefined;
  readonly roundRobin?: RoundRobin | undefined;
}

const sharedRoundRobin: RoundRobin = createRoundRobin();

export function isReadable(node: ClusterNode): boolean {
  return node.health === "online";
}

/** The node a read for this shard goes to. */
export function chooseReadNode(shard: Shard, options: ReadChoiceOptions): ClusterNode {
  const readFrom = options.readFrom ?? "primary";
  if (readFrom === "primary") return shard.primary;
  const roundRobin = options.roundRobin ?? sharedRoundRobin;
  const az = options.clientAz;
  switch (readFrom) {
    case "preferReplica":
      return pickReplica(shard, undefined, roundRobin) ?? shard.primary;
    case "AZAffinity":
      return (
        (az === undefined ? undefined : pickReplica(shard, az, roundRobin)) ??
        pickReplica(shard, undefined, roundRobin) ??
        shard.primary
      );
    case "AZAffinityReplicasAndPrimary":
      return (
        (az === undefined ? undefined : pickReplica(shard, az, roundRobin)) ??
        (az !== undefined && shard.primary.az === az ? shard.primary : undefined) ??
        pickReplica(shard, undefined, roundRobin) ??
        shard.primary
      );
    case "allNodes": {
      const replicas = countReplicas(shard, undefined);
      const pick = next(roundRobin, replicas + 1);
      return pick === 0 ? shard.primary : (nthReplica(shard, undefined, pick - 1) ?? shard.primary);
    }
  }
}

/** A readable replica of the shard (in `az` when given), round-robin; undefined when there is none. */
export function pickReplica(
  shard: Shard,
  az: string | undefined,
  roundRobin: RoundRobin,
): ClusterNode | undefined {
  const count = countReplicas(shard, az);
  if (count === 0) return undefined;
  return nthReplica(shard, az, next(roundRobin, count));
}

function next(roundRobin: RoundRobin, modulo: number): number {
  const value = roundRobin.counter;
  roundRobin.counter = value >= Number.MAX_SAFE_INTEGER ? 0 : value + 1;
  return value % modulo;
}

function eligible(node: ClusterNode, az: string | undefined): boolean {
  return isReadable(node) && (az === undefined || node.az === az);
}

function countReplicas(shard: Shard, az: string | undefined): number {
  let count = 0;
  for (const replica of shard.replicas) if (eligible(replica, az)) count++;
  return count;
}

function nthReplica(shard: Shard, az: string | undefined, n: number): ClusterNode | undefined {
  let seen = 0;
  for (const replica of shard.replicas) {
    if (!eligible(replica, az)) continue;
    if (seen === n) return replica;
    seen++;
  }
  return undefined;
}
