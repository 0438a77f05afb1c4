// Standalone server, optionally with one replica.
import type { ServerProcess } from "../process/server-process.js";
import type { NodeInfo, StandaloneOptions } from "../types.js";
import { waitUntil } from "../util/wait-until.js";
import {
  createLaunchContext,
  loopbackHost,
  remainingMs,
  startedTopology,
} from "./launch-context.js";
import { launchNode } from "./node-launcher.js";
import { connectedReplicaCount, isReplicaLinked } from "./replication-readiness.js";
import { cleanUpFailedStart, type RunningTopology } from "./running-topology.js";

export async function startStandalone(options: StandaloneOptions = {}): Promise<RunningTopology> {
  const context = await createLaunchContext(options);
  const processes: ServerProcess[] = [];
  try {
    const primary = (await launchNode(context, { cluster: false })).server;
    processes.push(primary);
    const nodes: NodeInfo[] = [
      { host: loopbackHost, port: primary.port, pid: primary.pid, role: "primary" },
    ];
    if (options.withReplica) {
      const replica = (
        await launchNode(context, {
          cluster: false,
          replicaOf: { host: loopbackHost, port: primary.port },
        })
      ).server;
      processes.push(replica);
      nodes.push({
        host: loopbackHost,
        port: replica.port,
        pid: replica.pid,
        role: "replica",
        primaryPort: primary.port,
      });
      await waitUntil(
        async () =>
          (await isReplicaLinked(replica)) && (await connectedReplicaCount(primary)) === 1,
        { description: "replica link to the primary", deadlineMs: remainingMs(context) },
      );
    }
    return startedTopology(
      context,
      { kind: "standalone", addresses: [{ host: loopbackHost, port: primary.port }], nodes },
      processes,
    );
  } catch (error) {
    return cleanUpFailedStart(processes, context.runDirectory, error);
  }
}
