// Starts one node on fresh free ports, retrying when another process grabbed a
// port between the port probe and the server's bind.
import { renderNodeConfig } from "../config/server-config.js";
import { findFreePorts } from "../process/free-ports.js";
import { ServerProcess } from "../process/server-process.js";
import type { NodeInfo } from "../types.js";
import { PortInUseError } from "../util/errors.js";
import {
  adminOptionsFor,
  type LaunchContext,
  loopbackHost,
  remainingMs,
} from "./launch-context.js";

export interface NodeRole {
  cluster: boolean;
  replicaOf?: { host: string; port: number };
}

export interface LaunchedNode {
  server: ServerProcess;
  /** Cluster bus port, for CLUSTER MEET. */
  busPort: number | undefined;
}

const portAttempts = 5;

export async function launchNode(context: LaunchContext, role: NodeRole): Promise<LaunchedNode> {
  for (let attempt = 1; ; attempt++) {
    const [port, busPort] = await findFreePorts(role.cluster ? 2 : 1);
    const config = renderNodeConfig({
      port: port!,
      tls: context.tls,
      requireClientCertificate: context.requireClientCertificate,
      password: context.password,
      aclUsers: context.aclUsers,
      cluster: role.cluster ? { busPort: busPort! } : undefined,
      replicaOf: role.replicaOf,
      extraConfig: context.extraConfig,
    });
    try {
      const server = await ServerProcess.start({
        serverBinary: context.binaries.server,
        runDirectory: context.runDirectory,
        name: `node-${port}`,
        config,
        admin: adminOptionsFor(context, port!),
        deadlineMs: remainingMs(context),
      });
      return { server, busPort };
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= portAttempts) throw error;
    }
  }
}

/** Starts a standalone replica of `primary`, with its entry for `TopologyDescription.nodes`. */
export async function launchReplica(
  context: LaunchContext,
  primary: ServerProcess,
): Promise<{ server: ServerProcess; info: NodeInfo }> {
  const replicaOf = { host: loopbackHost, port: primary.port };
  const server = (await launchNode(context, { cluster: false, replicaOf })).server;
  return {
    server,
    info: {
      host: loopbackHost,
      port: server.port,
      pid: server.pid,
      role: "replica",
      primaryPort: primary.port,
    },
  };
}
