// Argument-building helpers shared by the definitions.
import type { GlideString } from "@petrel/protocol";
import type { CommandArg } from "./command.js";
import type { GlideRecord } from "./replies/glide-types.js";

/** Key/value pairs from a plain object or a GlideRecord list, in order. */
export function recordEntries<T>(data: Record<string, T> | GlideRecord<T>): [GlideString, T][] {
  if (Array.isArray(data)) return data.map(({ key, value }) => [key, value]);
  return Object.entries(data);
}

/** Key/value pairs flattened to `k1 v1 k2 v2…` arguments. */
export function flattenRecord(
  data: Record<string, GlideString> | GlideRecord<GlideString>,
): CommandArg[] {
  return recordEntries(data).flat();
}

/** A finite number, or a clear error: NaN would reach the server as "NaN". */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new TypeError(`${what} must be a finite number, got ${value}`);
  return value;
}
