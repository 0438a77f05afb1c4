// A primary, its replicas and the sentinels that watch them: the topology of a
// highly available standalone deployment. Sentinels run the server binary in
// sentinel mode (`redis-sentinel`/`valkey-sentinel` when on PATH, else
// `<server> --sentinel`, which is the same program).
import { withAdminConnection } from "../admin/admin-connection.js";
import type { AdminReply } from "../admin/resp-wire.js";
import { renderSentinelConfig } from "../config/sentinel-config.js";
import { findFreePorts } from "../process/free-ports.js";
import { findOnPath } from "../process/server-binaries.js";
import { ServerProcess } from "../process/server-process.js";
import type { NodeInfo, SentinelOptions } from "../types.js";
import { PortInUseError } from "../util/errors.js";
import { waitUntil } from "../util/wait-until.js";
import {
  adminOptionsFor,
  createLaunchContext,
  type LaunchContext,
  loopbackHost,
  remainingMs,
  startedTopology,
} from "./launch-context.js";
import { launchNode, launchReplica } from "./node-launcher.js";
import { connectedReplicaCount, isReplicaLinked } from "./replication-readiness.js";
import { cleanUpFailedStart, type RunningTopology } from "./running-topology.js";

/** The sentinel program and the arguments that put it in sentinel mode. */
function sentinelCommand(context: LaunchContext): { binary: string; args: string[] } {
  const flavor = context.binaries.flavor;
  const own = findOnPath(`${flavor}-sentinel`, process.env.PATH ?? "");
  return own
    ? { binary: own, args: [] }
    : { binary: context.binaries.server, args: ["--sentinel"] };
}

/** `[field, value, field, value…]` as a record (SENTINEL REPLICAS / SENTINELS entries). */
export function sentinelFields(reply: AdminReply): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(reply)) return fields;
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  return fields;
}

async function sentinelSees(
  sentinel: ServerProcess,
  name: string,
  primaryPort: number,
  replicas: number,
  peers: number,
): Promise<boolean> {
  return withAdminConnection(sentinel.admin, async (connection) => {
    const primary = await connection.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", name);
    if (!Array.isArray(primary) || Number(primary[1]) !== primaryPort) return false;
    const known = await connection.call("SENTINEL", "REPLICAS", name);
    const healthy = Array.isArray(known)
      ? known.map(sentinelFields).filter((fields) => fields.flags === "slave")
      : [];
    const others = await connection.call("SENTINEL", "SENTINELS", name);
    return healthy.length === replicas && Array.isArray(others) && others.length === peers;
  });
}

async function launchSentinel(
  context: LaunchContext,
  options: SentinelOptions,
  name: string,
  primaryPort: number,
  quorum: number,
): Promise<ServerProcess> {
  const { binary, args } = sentinelCommand(context);
  for (let attempt = 1; ; attempt++) {
    const [port] = await findFreePorts(1);
    try {
      return await ServerProcess.start({
        serverBinary: binary,
        args,
        runDirectory: context.runDirectory,
        name: `sentinel-${port}`,
        config: renderSentinelConfig({
          port: port!,
          primaryName: name,
          primaryPort,
          quorum,
          downAfterMs: options.downAfterMs ?? 1_000,
          failoverTimeoutMs: options.failoverTimeoutMs ?? 5_000,
          password: context.password,
          sentinelPassword: options.sentinelPassword,
          tls: context.tls,
          requireClientCertificate: context.requireClientCertificate,
        }),
        admin: {
          ...adminOptionsFor(context, port!),
          auth:
            options.sentinelPassword === undefined
              ? undefined
              : { password: options.sentinelPassword },
        },
        deadlineMs: remainingMs(context),
      });
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= 5) throw error;
    }
  }
}

/**
 * Starts a primary, `replicas` replicas (default 2) and `sentinels` sentinels (default 3)
 * monitoring it as `primaryName` (default "petrel"), on free loopback ports; with `tls`, every
 * node and sentinel serves TLS only, and `sentinelPassword` protects the sentinels. Ready when every
 * replica is linked and every sentinel knows the primary, both replicas and its peers.
 * `description.addresses` are the sentinels; `nodes` lists the data nodes, then the sentinels.
 */
export async function startSentinel(options: SentinelOptions = {}): Promise<RunningTopology> {
  const context = await createLaunchContext(options);
  const processes: ServerProcess[] = [];
  const name = options.primaryName ?? "petrel";
  const replicaCount = options.replicas ?? 2;
  const sentinelCount = options.sentinels ?? 3;
  try {
    const primary = (await launchNode(context, { cluster: false })).server;
    processes.push(primary);
    const nodes: NodeInfo[] = [
      { host: loopbackHost, port: primary.port, pid: primary.pid, role: "primary" },
    ];
    const launched = await Promise.all(
      Array.from({ length: replicaCount }, () => launchReplica(context, primary)),
    );
    const replicas = launched.map(({ server }) => server);
    processes.push(...replicas);
    nodes.push(...launched.map(({ info }) => info));
    await waitUntil(
      async () =>
        (await Promise.all(replicas.map(isReplicaLinked))).every(Boolean) &&
        (await connectedReplicaCount(primary)) === replicaCount,
      { description: "replica links to the primary", deadlineMs: remainingMs(context) },
    );
    const quorum = Math.floor(sentinelCount / 2) + 1;
    const sentinels: ServerProcess[] = [];
    for (let i = 0; i < sentinelCount; i++) {
      const sentinel = await launchSentinel(context, options, name, primary.port, quorum);
      sentinels.push(sentinel);
      processes.push(sentinel);
      nodes.push({ host: loopbackHost, port: sentinel.port, pid: sentinel.pid, role: "sentinel" });
    }
    await waitUntil(
      async () =>
        (
          await Promise.all(
            sentinels.map((sentinel) =>
              sentinelSees(sentinel, name, primary.port, replicaCount, sentinelCount - 1),
            ),
          )
        ).every(Boolean),
      {
        description: "sentinels knowing the primary, its replicas and each other",
        deadlineMs: remainingMs(context),
        intervalMs: 100,
      },
    );
    return startedTopology(
      context,
      {
        kind: "sentinel",
        addresses: sentinels.map((sentinel) => ({ host: loopbackHost, port: sentinel.port })),
        nodes,
        primaryName: name,
        sentinelPassword: options.sentinelPassword,
      },
      processes,
    );
  } catch (error) {
    return cleanUpFailedStart(processes, context.runDirectory, error);
  }
}
