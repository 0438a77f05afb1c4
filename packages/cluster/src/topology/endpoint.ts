// The endpoint rules shared by CLUSTER SLOTS and CLUSTER SHARDS.
import type { RespValue } from "@petrel/protocol";
import { integerOf, textOf } from "./resp-read.js";

/**
 * The host to connect to for an announced endpoint: NULL or "" mean "the host
 * you asked" (the seed), "?" means the node has no usable address
 * (undefined: drop it). IPv6 literals are stored without brackets.
 */
export function endpointHost(
  endpoint: RespValue | undefined,
  seedHost: string,
): string | undefined {
  if (endpoint === null || endpoint === undefined) return seedHost;
  const text = textOf(endpoint);
  if (text === undefined || text === "?") return undefined;
  if (text === "") return seedHost;
  if (text.startsWith("[") && text.endsWith("]")) return text.slice(1, -1);
  return text;
}

/** A TCP port 1–65535, or undefined. Port 0 is how the server says "no address". */
export function portOf(value: RespValue | undefined): number | undefined {
  const port = integerOf(value);
  return port !== undefined && port > 0 && port <= 65535 ? port : undefined;
}
