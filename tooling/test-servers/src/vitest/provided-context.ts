// What the global setup hands to test files through vitest's provide/inject,
// and the typed augmentation of vitest's ProvidedContext.
import type { AclUser, TopologyDescription } from "../types.js";

/**
 * Topologies a package's integration suites can ask for:
 * - `standalone`: plain RESP server, no auth;
 * - `auth`: `requirepass` plus ACL users (see `authServerCredentials`);
 * - `tls`: TLS-only standalone with a generated CA;
 * - `cluster`: 3 primaries × 1 replica.
 */
export type ServerTopologyName = "standalone" | "auth" | "tls" | "cluster";

export const serverTopologyNames: readonly ServerTopologyName[] = [
  "standalone",
  "auth",
  "tls",
  "cluster",
];

/** Started when a config asks for nothing specific: all cheap (well under a second). */
export const defaultServerTopologies: readonly ServerTopologyName[] = ["standalone", "auth", "tls"];

/** Credentials of the `auth` topology. */
export const authServerCredentials: { password: string; users: AclUser[] } = {
  password: "petrel-default-password",
  users: [
    { name: "petrel-user", password: "petrel-user-password", rules: "~* &* +@all" },
    {
      name: "petrel-reader",
      password: "petrel-reader-password",
      rules: "~* &* -@all +@read +@connection",
    },
  ],
};

export interface ProvidedServers {
  /** False when no server binary is installed; suites are then skipped. */
  available: boolean;
  /** Why suites are skipped, when `available` is false. */
  skipReason: string | undefined;
  /** Which server was used, e.g. `redis-server` 7.0.15. */
  serverBinary: string | undefined;
  topologies: Partial<Record<ServerTopologyName, TopologyDescription>>;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Set by `@petrel/test-servers/vitest-global-setup`. */
    petrelServers: ProvidedServers;
    /** Set in a package's vitest config: which topologies its suites need. */
    petrelServerTopologies: ServerTopologyName[];
  }
}

/** Topologies to start: `PETREL_SERVERS=standalone,cluster` wins over the config's list. */
export function resolveRequestedTopologies(
  fromConfig: readonly string[] | undefined,
  fromEnvironment: string | undefined,
): ServerTopologyName[] {
  const source =
    fromEnvironment !== undefined && fromEnvironment.trim() !== ""
      ? fromEnvironment.split(",").map((name) => name.trim())
      : (fromConfig ?? defaultServerTopologies);
  const requested: ServerTopologyName[] = [];
  for (const name of source) {
    if (!serverTopologyNames.includes(name as ServerTopologyName)) {
      throw new TypeError(
        `unknown server topology ${JSON.stringify(name)}; known: ${serverTopologyNames.join(", ")}`,
      );
    }
    if (!requested.includes(name as ServerTopologyName)) requested.push(name as ServerTopologyName);
  }
  return requested;
}
