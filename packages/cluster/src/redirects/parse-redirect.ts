// MOVED / ASK error text → where to go. The text comes from the network, so
// it is validated strictly: anything malformed is "not a redirect" and the
// caller surfaces it as a plain server error.
import { parsePort } from "../routing/address.js";
import { SLOT_COUNT } from "../slots/slot-of.js";

export interface Redirect {
  readonly kind: "MOVED" | "ASK";
  readonly slot: number;
  readonly host: string;
  readonly port: number;
  /** The server sent an empty host (`:6380`): `host` is the connection's host. */
  readonly sameHost: boolean;
}

/**
 * Parses `MOVED <slot> <endpoint>:<port>` or `ASK …`. The endpoint may be an
 * IP, a hostname, an unbracketed IPv6 address (split on the last colon) or
 * empty, meaning the host of the connection that got the error
 * (`connectionHost`; without it an empty endpoint is rejected).
 */
export function parseRedirect(message: string, connectionHost?: string): Redirect | undefined {
  const parts = splitRedirect(message);
  if (parts === undefined) return undefined;
  if (parts.host !== "") return { ...parts, sameHost: false };
  if (connectionHost === undefined || connectionHost === "") return undefined;
  return { ...parts, host: connectionHost, sameHost: true };
}

/** True when the message is a well-formed MOVED or ASK (an empty host counts). */
export function isWellFormedRedirect(message: string): boolean {
  return splitRedirect(message) !== undefined;
}

function splitRedirect(message: string): Omit<Redirect, "sameHost"> | undefined {
  const parts = message.trim().split(" ");
  if (parts.length !== 3) return undefined;
  const [kind, slotText, endpoint] = parts as [string, string, string];
  if (kind !== "MOVED" && kind !== "ASK") return undefined;
  if (!/^\d{1,5}$/.test(slotText)) return undefined;
  const slot = Number(slotText);
  if (slot >= SLOT_COUNT) return undefined;
  const colon = endpoint.lastIndexOf(":");
  if (colon === -1) return undefined;
  const port = parsePort(endpoint.slice(colon + 1));
  if (port === undefined) return undefined;
  let host = endpoint.slice(0, colon);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return { kind, slot, host, port };
}
