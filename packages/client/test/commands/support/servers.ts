// Shared helpers of the command integration suites: one real redis-server per
// suite, clients on both protocols, bounded polling, unique key names.
import { execFileSync } from "node:child_process";
import { startStandalone } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import { GlideClient, type GlideClientConfiguration, ProtocolVersion } from "../../../src/index.js";

/** Polls a condition until it holds, for at most a deadline (5 s unless told). */
export { until as eventually } from "@petrel/fake-valkey";

export const PROTOCOLS = [
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
] as const;

/** The server binary the suites start (as @petrel/test-servers picks it) and its version. */
function detectServer(): { kind: "valkey" | "redis"; version: [number, number, number] } {
  for (const kind of ["valkey", "redis"] as const) {
    try {
      const output = execFileSync(`${kind}-server`, ["--version"], { encoding: "utf8" });
      const match = /v=(\d+)\.(\d+)\.(\d+)/.exec(output);
      if (match)
        return { kind, version: match.slice(1, 4).map(Number) as [number, number, number] };
    } catch {
      // Not installed; try the next one.
    }
  }
  return { kind: "redis", version: [0, 0, 0] };
}

/** Known when tests are collected, so version-gated tests can be skipped by `it.skipIf`. */
export const SERVER_BINARY = detectServer();

function versionAtLeast(version: readonly number[], major: number, minor: number): boolean {
  const [serverMajor = 0, serverMinor = 0] = version;
  return serverMajor > major || (serverMajor === major && serverMinor >= minor);
}

/** True when the server is Valkey `major.minor` or newer (commands Redis 7.0 lacks). */
export function valkeyAtLeast(major: number, minor = 0): boolean {
  return SERVER_BINARY.kind === "valkey" && versionAtLeast(SERVER_BINARY.version, major, minor);
}

/** True when the server speaks the Redis OSS `major.minor` command set (Valkey 7.2+ does). */
export function redisAtLeast(major: number, minor = 0): boolean {
  if (SERVER_BINARY.kind === "valkey") return versionAtLeast([7, 2], major, minor);
  return versionAtLeast(SERVER_BINARY.version, major, minor);
}

export interface RealServer {
  readonly address: { host: string; port: number };
}

/** One real redis-server for the calling file's tests, started and stopped around them. */
export function serverForFile(): RealServer {
  const topology = topologyForSuite(() => startStandalone());
  return {
    get address() {
      return topology.description.addresses[0] as { host: string; port: number };
    },
  };
}

export function connect(
  server: RealServer,
  config: Partial<GlideClientConfiguration> = {},
): Promise<GlideClient> {
  return GlideClient.createClient({ addresses: [server.address], requestTimeout: 2000, ...config });
}

let counter = 0;
/** A key name no other test uses. */
export function uniqueKey(prefix: string): string {
  counter++;
  return `${prefix}:${process.pid}:${counter}`;
}
