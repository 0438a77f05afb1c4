// Reply frame builders. Types follow the server per protocol: doubles are bulk
// strings in RESP2 (formatted `%.17g`) and RESP3 doubles; maps and sets are
// downgraded to flat arrays by the encoder.

import type { ReplyFrame } from "@petrel/protocol";
import { formatDouble } from "./float.js";

export const OK: ReplyFrame = { type: "simple", value: "OK" };
export const NULL_BULK: ReplyFrame = { type: "bulk", value: null };
export const NULL_ARRAY: ReplyFrame = { type: "array", value: null };
export const EMPTY_ARRAY: ReplyFrame = { type: "array", value: [] };

export function integer(value: number | bigint | boolean): ReplyFrame {
  return { type: "integer", value: typeof value === "boolean" ? (value ? 1 : 0) : value };
}

export function bulk(value: Buffer | string | null): ReplyFrame {
  return { type: "bulk", value };
}

/** A bulk from a latin1-keyed member or field. */
export function bulkLatin1(value: string): ReplyFrame {
  return { type: "bulk", value: Buffer.from(value, "latin1") };
}

export function simple(value: string): ReplyFrame {
  return { type: "simple", value };
}

export function array(value: readonly ReplyFrame[]): ReplyFrame {
  return { type: "array", value };
}

export function map(value: readonly (readonly [ReplyFrame, ReplyFrame])[]): ReplyFrame {
  return { type: "map", value };
}

export function setFrame(value: readonly ReplyFrame[]): ReplyFrame {
  return { type: "set", value };
}

/**
 * Redis 7.0 spells doubles `%.17g` in both protocols. The shared encoder
 * writes the shortest spelling (as Valkey 8 does), so RESP3 doubles are
 * written as raw bytes to stay byte-exact with the reference server.
 */
export function double(value: number, resp: 2 | 3): ReplyFrame {
  const text = formatDouble(value);
  return resp === 3
    ? { type: "raw", bytes: Buffer.from(`,${text}\r\n`) }
    : { type: "bulk", value: text };
}

/** Score as text whatever the protocol (SCAN-family replies). */
export function scoreText(value: number): ReplyFrame {
  return { type: "bulk", value: formatDouble(value) };
}

/** A bulk or null, for optional values. */
export function bulkOrNull(value: Buffer | undefined): ReplyFrame {
  return value === undefined ? NULL_BULK : bulk(value);
}

export function errorFrame(message: string): ReplyFrame {
  return { type: "error", value: message };
}
