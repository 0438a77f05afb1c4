// What every node of one topology shares: the binary, the run directory, TLS
// material, credentials and the overall start deadline.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { AdminConnectOptions } from "../admin/admin-connection.js";
import { sweepLeftovers } from "../process/leftover-sweep.js";
import { createRunDirectory, removeRunDirectory } from "../process/run-directory.js";
import {
  findServerBinaries,
  installHint,
  type ServerBinaries,
} from "../process/server-binaries.js";
import type { ServerProcess } from "../process/server-process.js";
import { generateTlsMaterial } from "../tls/certificates.js";
import type { AclUser, CommonServerOptions, TlsMaterial, TopologyDescription } from "../types.js";
import { TestServerError } from "../util/errors.js";
import { RunningTopology } from "./running-topology.js";

export const loopbackHost = "127.0.0.1";
const defaultStartDeadlineMs = 30_000;

export interface LaunchContext {
  binaries: ServerBinaries;
  runDirectory: string;
  tls: TlsMaterial | undefined;
  requireClientCertificate: boolean;
  password: string | undefined;
  aclUsers: AclUser[];
  extraConfig: Record<string, string> | undefined;
  /** Absolute time (ms since epoch) by which the topology must be ready. */
  deadline: number;
}

/** The topology as started: its own layout plus what every node shares. */
export function startedTopology(
  context: LaunchContext,
  layout: Pick<
    TopologyDescription,
    "kind" | "addresses" | "nodes" | "primaryName" | "sentinelPassword"
  >,
  processes: readonly ServerProcess[],
): RunningTopology {
  return new RunningTopology(
    {
      ...layout,
      tls: context.tls,
      password: context.password,
      aclUsers: context.aclUsers,
      directory: context.runDirectory,
      binaries: { server: context.binaries.server, cli: context.binaries.cli },
    },
    processes,
  );
}

export function remainingMs(context: LaunchContext): number {
  return Math.max(0, context.deadline - Date.now());
}

export function requireServerBinaries(): ServerBinaries {
  const binaries = findServerBinaries();
  if (!binaries) throw new TestServerError(installHint);
  return binaries;
}

export async function createLaunchContext(options: CommonServerOptions): Promise<LaunchContext> {
  const deadline = Date.now() + (options.startDeadlineMs ?? defaultStartDeadlineMs);
  const binaries = requireServerBinaries();
  sweepLeftovers();
  const runDirectory = await createRunDirectory();
  let tls: TlsMaterial | undefined;
  if (options.tls) {
    const tlsDirectory = path.join(runDirectory, "tls");
    try {
      await mkdir(tlsDirectory);
      tls = await generateTlsMaterial(tlsDirectory);
    } catch (error) {
      await removeRunDirectory(runDirectory);
      throw error;
    }
  }
  return {
    binaries,
    runDirectory,
    tls,
    requireClientCertificate: options.requireClientCertificate ?? false,
    password: options.password,
    aclUsers: options.aclUsers ?? [],
    extraConfig: options.extraConfig,
    deadline,
  };
}

/** How the tooling itself connects to a node of this topology. */
export function adminOptionsFor(context: LaunchContext, port: number): AdminConnectOptions {
  return {
    host: loopbackHost,
    port,
    tls: context.tls && {
      ca: context.tls.caCertPem,
      cert: context.tls.clientCertPem,
      key: context.tls.clientKeyPem,
    },
    auth: context.password === undefined ? undefined : { password: context.password },
  };
}
