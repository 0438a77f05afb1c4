// Reading Sentinel's replies and events. Instance lists come as RESP3 maps or,
// on RESP2, flat field/value arrays; both become a Map of text fields.
import { RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";

function text(value: RespValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString();
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

function isMapEntry(value: unknown): value is { key: RespValue; value: RespValue } {
  return typeof value === "object" && value !== null && "key" in value && "value" in value;
}

/** One instance description (`SENTINEL REPLICAS` / `SENTINELS` entry) as text fields. */
export function instanceFields(reply: RespValue): Map<string, string> {
  const fields = new Map<string, string>();
  if (!Array.isArray(reply)) return fields;
  if (reply.every(isMapEntry)) {
    for (const entry of reply as { key: RespValue; value: RespValue }[]) {
      const key = text(entry.key);
      const value = text(entry.value);
      if (key !== undefined && value !== undefined) fields.set(key, value);
    }
    return fields;
  }
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const key = text(reply[i] as RespValue);
    const value = text(reply[i + 1] as RespValue);
    if (key !== undefined && value !== undefined) fields.set(key, value);
  }
  return fields;
}

function addressOfFields(fields: Map<string, string>): ResolvedAddress | undefined {
  const host = fields.get("ip");
  const port = Number(fields.get("port"));
  if (host === undefined || host === "" || !Number.isInteger(port) || port <= 0) return undefined;
  return { host, port };
}

/** `GET-PRIMARY-ADDR-BY-NAME`'s `[ip, port]`; undefined for nil (an unknown name). */
export function primaryAddressOf(reply: RespValue): ResolvedAddress | undefined {
  if (reply instanceof RequestError) throw reply;
  if (!Array.isArray(reply) || reply.length !== 2) return undefined;
  const host = text(reply[0] as RespValue);
  const port = Number(text(reply[1] as RespValue));
  if (host === undefined || !Number.isInteger(port) || port <= 0) return undefined;
  return { host, port };
}

/** Flags that make a replica (or sentinel) unfit to use. */
const unhealthyFlags = ["s_down", "o_down", "disconnected"];

function healthy(fields: Map<string, string>): boolean {
  const flags = (fields.get("flags") ?? "").split(",");
  return !flags.some((flag) => unhealthyFlags.includes(flag));
}

/** The addresses of the healthy instances in a `SENTINEL REPLICAS` / `SENTINELS` reply. */
export function healthyInstances(reply: RespValue): ResolvedAddress[] {
  if (!Array.isArray(reply)) return [];
  const addresses: ResolvedAddress[] = [];
  for (const entry of reply as RespValue[]) {
    const fields = instanceFields(entry);
    const address = addressOfFields(fields);
    if (address !== undefined && healthy(fields)) addresses.push(address);
  }
  return addresses;
}

/** A `+switch-master <name> <old ip> <old port> <new ip> <new port>` message. */
export interface SwitchEvent {
  readonly primaryName: string;
  readonly primary: ResolvedAddress;
}

export function parseSwitch(payload: string): SwitchEvent | undefined {
  const parts = payload.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const port = Number(parts[4]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { primaryName: parts[0] as string, primary: { host: parts[3] as string, port } };
}

/**
 * Whether an instance event (`+sdown`, `+slave`…) concerns `primaryName`'s group:
 * `<type> <name> <ip> <port> @ <primary name> <ip> <port>`, or `master <name> <ip> <port>`.
 */
export function concernsPrimary(payload: string, primaryName: string): boolean {
  const parts = payload.trim().split(/\s+/);
  if (parts[0] === "master") return parts[1] === primaryName;
  const at = parts.indexOf("@");
  return at !== -1 && parts[at + 1] === primaryName;
}

/** The primary's address at the end of `<type> <name> <ip> <port> @ <primary name> <ip> <port>`. */
export function primaryOfEvent(payload: string): ResolvedAddress | undefined {
  const parts = payload.trim().split(/\s+/);
  const at = parts.indexOf("@");
  if (at === -1 || parts.length < at + 4) return undefined;
  const port = Number(parts[at + 3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { host: parts[at + 2] as string, port };
}

/** The instance's own address in `<type> <name> <ip> <port> @ …` (the promoted replica's). */
export function instanceOfEvent(payload: string): ResolvedAddress | undefined {
  const parts = payload.trim().split(/\s+/);
  if (parts.length < 4) return undefined;
  const port = Number(parts[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { host: parts[2] as string, port };
}

/** `host:port`, the key sentinels and nodes are known by. */
export function addressKey(address: ResolvedAddress): string {
  return `${address.host}:${address.port}`;
}
