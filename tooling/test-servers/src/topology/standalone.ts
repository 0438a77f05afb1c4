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
import { launchNode, launchReplica } from "./node-launcher.js";
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
      const { server: replica, info } = await launchReplica(context, primary);
      processes.push(replica);
      nodes.push(info);
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
