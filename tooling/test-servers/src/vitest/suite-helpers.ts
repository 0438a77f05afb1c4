// Helpers for integration suites: read what the global setup provided, and
// skip (loudly, once, in the setup) when no server binary is installed.
import { describe, inject, it } from "vitest";
import type { TopologyDescription } from "../types.js";
import type { ProvidedServers, ServerTopologyName } from "./provided-context.js";

const setupHint =
  'add globalSetup: ["@petrel/test-servers/vitest-global-setup"] to this package\'s vitest config';

/** Everything the global setup provided. Throws if the setup is not configured. */
export function getServers(): ProvidedServers {
  const servers = inject("petrelServers");
  if (servers === undefined) throw new Error(`no test servers were provided: ${setupHint}`);
  return servers;
}

/** One started topology. Throws a clear error if it was not requested in the config. */
export function getTopology(name: ServerTopologyName): TopologyDescription {
  return pickTopology(getServers(), name);
}

function pickTopology(servers: ProvidedServers, name: ServerTopologyName): TopologyDescription {
  const topology = servers.topologies[name];
  if (topology === undefined) {
    throw new Error(
      `test server topology "${name}" was not started: add it to provide.petrelServerTopologies in this package's vitest config (or set PETREL_SERVERS)`,
    );
  }
  return topology;
}

export type TopologiesOf<Names extends ServerTopologyName> = Record<Names, TopologyDescription>;

export type SuitePlan<Names extends ServerTopologyName> =
  | { run: true; topologies: TopologiesOf<Names> }
  | { run: false; skipReason: string };

/** Decides whether a suite runs, and with which topologies (throws if one was not started). */
export function planServerSuite<Names extends ServerTopologyName>(
  servers: ProvidedServers,
  needs: readonly Names[],
): SuitePlan<Names> {
  if (!servers.available)
    return { run: false, skipReason: servers.skipReason ?? "no server binary" };
  const topologies = {} as TopologiesOf<Names>;
  for (const need of needs) topologies[need] = pickTopology(servers, need);
  return { run: true, topologies };
}

/**
 * `describe` that runs only when real servers are available, handing the
 * requested topologies to the body. Without a server binary the suite is
 * reported as skipped (the global setup already printed how to install one).
 */
export function describeWithServers<Names extends ServerTopologyName>(
  name: string,
  needs: readonly Names[],
  body: (topologies: TopologiesOf<Names>) => void,
): void {
  const plan = planServerSuite(getServers(), needs);
  if (plan.run) {
    describe(name, () => body(plan.topologies));
  } else {
    describe.skip(name, () => {
      it(plan.skipReason, () => {});
    });
  }
}
