// vitest global setup: starts the servers a package's suites need, before any
// test file runs, and stops them by pid when the run ends. Use it with
//   globalSetup: ["@petrel/test-servers/vitest-global-setup"],
//   provide: { petrelServerTopologies: ["standalone", "cluster"] },
import type { TestProject } from "vitest/node";
import { findServerBinaries, installHint } from "../process/server-binaries.js";
import { startCluster } from "../topology/cluster.js";
import type { RunningTopology } from "../topology/running-topology.js";
import { startStandalone } from "../topology/standalone.js";
import { TestServerError } from "../util/errors.js";
import {
  authServerCredentials,
  type ProvidedServers,
  resolveRequestedTopologies,
  type ServerTopologyName,
} from "./provided-context.js";

function startTopology(name: ServerTopologyName): Promise<RunningTopology> {
  switch (name) {
    case "standalone":
      return startStandalone();
    case "auth":
      return startStandalone({
        password: authServerCredentials.password,
        aclUsers: authServerCredentials.users,
      });
    case "tls":
      return startStandalone({ tls: true });
    case "cluster":
      return startCluster();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const requested = resolveRequestedTopologies(
    project.config.provide?.petrelServerTopologies,
    process.env.PETREL_SERVERS,
  );
  const binaries = findServerBinaries();
  if (!binaries) {
    if (process.env.CI === "true") {
      throw new TestServerError(`${installHint} (with CI=true a missing server fails the run)`);
    }
    console.warn(`\n!!! [petrel] SKIPPING real-server integration suites: ${installHint} !!!\n`);
    const skipped: ProvidedServers = {
      available: false,
      skipReason: installHint,
      serverBinary: undefined,
      topologies: {},
    };
    project.provide("petrelServers", skipped);
    return async () => {};
  }

  const starts = await Promise.allSettled(requested.map(startTopology));
  const running = starts.flatMap((start) => (start.status === "fulfilled" ? [start.value] : []));
  const stopAll = async () => {
    await Promise.all(running.map((topology) => topology.stop()));
  };
  const failure = starts.find((start) => start.status === "rejected");
  if (failure) {
    await stopAll();
    throw failure.reason;
  }
  const provided: ProvidedServers = {
    available: true,
    skipReason: undefined,
    serverBinary: binaries.server,
    topologies: {},
  };
  requested.forEach((name, index) => {
    provided.topologies[name] = running[index]!.description;
  });
  project.provide("petrelServers", provided);
  return stopAll;
}
