// "host:port" handling for routeByAddress and redirects. IPv6 literals come
// unbracketed from the server, so the port is after the last colon.
import type { ClusterNode, SlotTable } from "../topology/topology.js";

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Port text → number, accepting only 1–65535 written as plain digits. */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port > 0 && port <= 65535 ? port : undefined;
}

/** Splits "host:port", "[v6]:port" or "v6:port" on the last colon. The host may be empty. */
export function splitHostPort(address: string): HostPort | undefined {
  const colon = address.lastIndexOf(":");
  if (colon === -1) return undefined;
  const port = parsePort(address.slice(colon + 1));
  if (port === undefined) return undefined;
  let host = address.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return { host, port };
}

export function findNode(table: SlotTable, host: string, port: number): ClusterNode | undefined {
  for (const node of table.nodes) if (node.port === port && node.host === host) return node;
  return undefined;
}
