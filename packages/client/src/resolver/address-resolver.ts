// Address resolvers: a callback that maps the address a client was given or
// discovered (a seed, a node of CLUSTER SHARDS, a MOVED target) to the one it
// connects to, as behind NAT or a private link. Every connection calls its
// client's `addressResolver` before each connect. When the callback throws or
// returns something that is not `[host, port]`, the address is used as it is
// (GLIDE's rule). GLIDE's process-wide registry is in registry.ts.
import { Logger } from "../logger.js";

/** Maps `host`, `port` to the `[host, port]` to connect to. */
export type AddressResolver = (host: string, port: number) => [string, number];

/**
 * `host:port` through `resolver`; the address unchanged when the resolver throws or returns
 * an invalid address (logged).
 */
export function resolveAddress(
  resolver: AddressResolver,
  host: string,
  port: number,
): { host: string; port: number } {
  let result: unknown;
  try {
    result = resolver(host, port);
  } catch (error) {
    Logger.log(
      "warn",
      "address_resolver",
      `resolving ${host}:${port} failed; using it as is`,
      error as Error,
    );
    return { host, port };
  }
  if (isAddress(result)) return { host: result[0], port: result[1] };
  Logger.log(
    "warn",
    "address_resolver",
    `the resolver returned no [host, port] for ${host}:${port}; using it as is`,
  );
  return { host, port };
}

function isAddress(value: unknown): value is [string, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [host, port] = value as unknown[];
  return (
    typeof host === "string" &&
    host.length > 0 &&
    typeof port === "number" &&
    Number.isInteger(port) &&
    port > 0 &&
    port <= 65535
  );
}
