// Small readers for server replies that may arrive as RESP2 (flat arrays,
// integers as bulk strings) or RESP3 (maps, real integers).
import type { RespMap, RespValue } from "@petrel/protocol";

export function textOf(value: RespValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/** A safe integer from an integer reply or its decimal text; otherwise undefined. */
export function integerOf(value: RespValue | undefined): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : undefined;
  }
  const text = typeof value === "string" || Buffer.isBuffer(value) ? textOf(value) : undefined;
  if (text === undefined || !/^-?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

export function isRespMap(value: RespValue | undefined): value is RespMap {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first = value[0];
  return (
    typeof first === "object" &&
    first !== null &&
    !Array.isArray(first) &&
    !Buffer.isBuffer(first) &&
    "key" in first &&
    "value" in first
  );
}

/**
 * The entries of a map reply (RESP3 map, or RESP2 flat key/value array),
 * keyed by text in a Map so untrusted keys cannot reach any prototype.
 * Undefined when the value is not map-shaped. The first occurrence of a key wins.
 */
export function entriesOf(value: RespValue | undefined): Map<string, RespValue> | undefined {
  if (!Array.isArray(value)) return undefined;
  const entries = new Map<string, RespValue>();
  if (isRespMap(value)) {
    for (const { key, value: entryValue } of value) {
      const name = textOf(key);
      if (name !== undefined && !entries.has(name)) entries.set(name, entryValue);
    }
    return entries;
  }
  if (value.length % 2 !== 0) return undefined;
  const flat = value as RespValue[];
  for (let i = 0; i < flat.length; i += 2) {
    const name = textOf(flat[i]);
    if (name === undefined) return undefined;
    if (!entries.has(name)) entries.set(name, flat[i + 1] as RespValue);
  }
  return entries;
}

/** An array reply's elements, or undefined when the value is not a plain array. */
export function arrayOf(value: RespValue | undefined): readonly RespValue[] | undefined {
  if (!Array.isArray(value) || isRespMap(value)) return undefined;
  return value as RespValue[];
}

/** Text, with "" read as absent (servers send "" for unset metadata). */
export function optionalTextOf(value: RespValue | undefined): string | undefined {
  const text = textOf(value);
  return text === "" ? undefined : text;
}
