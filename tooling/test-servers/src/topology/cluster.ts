// Cluster of any shape, built directly with cluster commands (faster than
// `--cluster create`): fixed config epochs, slot ranges on primaries, MEET from
// the first node, then REPLICATE once every node knows every other.
import { withAdminConnection } from "../admin/admin-connection.js";
import type { ServerProcess } from "../process/server-process.js";
import type { ClusterOptions, ClusterShape, NodeInfo } from "../types.js";
import { waitUntil } from "../util/wait-until.js";
import { type ClusterPlan, knownNodeCount, nodeSeesPlannedCluster } from "./cluster-readiness.js";
import {
  createLaunchContext,
  loopbackHost,
  remainingMs,
  startedTopology,
} from "./launch-context.js";
import { type LaunchedNode, launchNode } from "./node-launcher.js";
import { isReplicaLinked } from "./replication-readiness.js";
import { cleanUpFailedStart, type RunningTopology } from "./running-topology.js";

export const defaultClusterShape: ClusterShape = { primaries: 3, replicasPerPrimary: 1 };
const slotCount = 16384;
const maxNodes = 64;

export function validateClusterShape(shape: ClusterShape): void {
  const { primaries, replicasPerPrimary } = shape;
  if (!Number.isInteger(primaries) || primaries < 1) {
    throw new RangeError(`a cluster needs at least one primary, got ${primaries}`);
  }
  if (!Number.isInteger(replicasPerPrimary) || replicasPerPrimary < 0) {
    throw new RangeError(
      `replicasPerPrimary must be a whole number >= 0, got ${replicasPerPrimary}`,
    );
  }
  if (primaries * (1 + replicasPerPrimary) > maxNodes) {
    throw new RangeError(`at most ${maxNodes} nodes per test cluster`);
  }
}

/** Contiguous, near-equal slot ranges, one per primary. */
export function slotRanges(primaries: number): Array<[number, number]> {
  return Array.from({ length: primaries }, (_, i) => [
    Math.floor((i * slotCount) / primaries),
    Math.floor(((i + 1) * slotCount) / primaries) - 1,
  ]);
}

export async function startCluster(options: ClusterOptions = {}): Promise<RunningTopology> {
  const shape = options.shape ?? defaultClusterShape;
  validateClusterShape(shape);
  const nodeCount = shape.primaries * (1 + shape.replicasPerPrimary);
  const context = await createLaunchContext(options);
  const started: ServerProcess[] = [];
  try {
    const launches = await Promise.allSettled(
      Array.from({ length: nodeCount }, () => launchNode(context, { cluster: true })),
    );
    for (const launch of launches) {
      if (launch.status === "fulfilled") started.push(launch.value.server);
    }
    const failed = launches.find((launch) => launch.status === "rejected");
    if (failed) throw failed.reason;
    const nodes = launches.map((launch) => (launch as PromiseFulfilledResult<LaunchedNode>).value);
    const deadline = () => remainingMs(context);

    const nodeIds = await Promise.all(
      nodes.map(({ server }, index) =>
        withAdminConnection(server.admin, async (connection) => {
          // Distinct epochs up front avoid the epoch-collision dance after MEET.
          await connection.call("CLUSTER", "SET-CONFIG-EPOCH", String(index + 1));
          if (index < shape.primaries) {
            const [first, last] = slotRanges(shape.primaries)[index]!;
            await connection.call("CLUSTER", "ADDSLOTSRANGE", String(first), String(last));
          }
          return connection.text("CLUSTER", "MYID");
        }),
      ),
    );
    const primaryIndexOf = (replicaIndex: number) =>
      Math.floor((replicaIndex - shape.primaries) / shape.replicasPerPrimary);
    const plan: ClusterPlan = { nodeIds, primaryOfReplica: new Map() };
    for (let index = shape.primaries; index < nodeCount; index++) {
      plan.primaryOfReplica.set(nodeIds[index]!, nodeIds[primaryIndexOf(index)]!);
    }

    const [first, ...others] = nodes;
    await withAdminConnection(first!.server.admin, async (connection) => {
      for (const other of others) {
        await connection.call(
          "CLUSTER",
          "MEET",
          loopbackHost,
          String(other.server.port),
          String(other.busPort),
        );
      }
    });
    await waitUntil(
      async () =>
        (await Promise.all(nodes.map(({ server }) => knownNodeCount(server)))).every(
          (count) => count === nodeCount,
        ),
      { description: "every cluster node knowing every other", deadlineMs: deadline() },
    );

    for (const [replicaId, primaryId] of plan.primaryOfReplica) {
      const replica = nodes[nodeIds.indexOf(replicaId)]!.server;
      await withAdminConnection(replica.admin, (connection) =>
        connection.call("CLUSTER", "REPLICATE", primaryId),
      );
    }
    const replicas = nodes.slice(shape.primaries).map(({ server }) => server);
    await waitUntil(
      async () => {
        const views = await Promise.all(
          nodes.map(({ server }) => nodeSeesPlannedCluster(server, plan)),
        );
        const links = await Promise.all(replicas.map(isReplicaLinked));
        return views.every(Boolean) && links.every(Boolean);
      },
      { description: "cluster_state:ok with every replica linked", deadlineMs: deadline() },
    );

    const nodeInfos: NodeInfo[] = nodes.map(({ server }, index) => ({
      host: loopbackHost,
      port: server.port,
      pid: server.pid,
      nodeId: nodeIds[index]!,
      role: index < shape.primaries ? "primary" : "replica",
      primaryPort: index < shape.primaries ? undefined : nodes[primaryIndexOf(index)]!.server.port,
    }));
    return startedTopology(
      context,
      {
        kind: "cluster",
        addresses: nodeInfos
          .filter((node) => node.role === "primary")
          .map(({ host, port }) => ({ host, port })),
        nodes: nodeInfos,
      },
      started,
    );
  } catch (error) {
    return cleanUpFailedStart(started, context.runDirectory, error);
  }
}
