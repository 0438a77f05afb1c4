// Every benchmarked client: its label, the npm package it comes from, and a
// loader that imports its adapter lazily, so a worker process pays for exactly
// one library and the cold-start workload can time that import.
import type { ConnectClient } from "./bench-client.js";

export type ClientId =
  | "petrel"
  | "ioredis"
  | "ioredis-autopipeline"
  | "iovalkey"
  | "node-redis"
  | "valkey-glide"
  | "raw-socket";

/**
 * petrel: the client under test. peer: a library Petrel is compared with ("best peer").
 * floor: not a library, a reference for what the socket and server alone cost.
 */
export type ClientRole = "petrel" | "peer" | "floor";

export interface ClientEntry {
  id: ClientId;
  /** As shown in tables and charts. */
  label: string;
  /** npm package whose version is reported. */
  packageName: string;
  role: ClientRole;
  load(): Promise<ConnectClient>;
  /** The library's cluster client, given one seed node; absent when it has none here. */
  loadCluster?(): Promise<ConnectClient>;
}

export const clientRegistry: readonly ClientEntry[] = [
  {
    id: "petrel",
    label: "Petrel",
    packageName: "@petrel/client",
    role: "petrel",
    load: async () => (await import("./adapters/petrel.js")).connect,
    loadCluster: async () => (await import("./adapters/cluster/petrel.js")).connect,
  },
  {
    id: "ioredis",
    label: "ioredis",
    packageName: "ioredis",
    role: "peer",
    load: async () => (await import("./adapters/ioredis.js")).connect,
    loadCluster: async () => (await import("./adapters/cluster/ioredis.js")).connect,
  },
  {
    id: "ioredis-autopipeline",
    label: "ioredis (autopipelining)",
    packageName: "ioredis",
    role: "peer",
    load: async () => (await import("./adapters/ioredis.js")).connectAutoPipelining,
    loadCluster: async () => (await import("./adapters/cluster/ioredis.js")).connectAutoPipelining,
  },
  {
    id: "iovalkey",
    label: "iovalkey",
    packageName: "iovalkey",
    role: "peer",
    load: async () => (await import("./adapters/iovalkey.js")).connect,
    loadCluster: async () => (await import("./adapters/cluster/iovalkey.js")).connect,
  },
  {
    id: "node-redis",
    label: "node-redis",
    packageName: "redis",
    role: "peer",
    load: async () => (await import("./adapters/node-redis.js")).connect,
    loadCluster: async () => (await import("./adapters/cluster/node-redis.js")).connect,
  },
  {
    id: "valkey-glide",
    label: "valkey-glide",
    packageName: "@valkey/valkey-glide",
    role: "peer",
    load: async () => (await import("./adapters/valkey-glide.js")).connect,
    loadCluster: async () => (await import("./adapters/cluster/valkey-glide.js")).connect,
  },
  {
    id: "raw-socket",
    label: "raw socket (floor)",
    packageName: "node:net",
    role: "floor",
    load: async () => (await import("./adapters/raw-socket.js")).connect,
  },
];

export function findClient(id: string): ClientEntry {
  const entry = clientRegistry.find((candidate) => candidate.id === id);
  if (!entry) {
    const known = clientRegistry.map((candidate) => candidate.id).join(", ");
    throw new Error(`Unknown client "${id}" (known: ${known})`);
  }
  return entry;
}
