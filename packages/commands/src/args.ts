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

/**
 * An expiry's count, checked as GLIDE checks it (an integer; GLIDE's message). GLIDE leaves
 * every other number to the server, and so does Petrel.
 */
export function integerExpiry<T>(expiry: T, count: number, prefix = ""): number {
  if (!Number.isInteger(count)) {
    throw new TypeError(
      `${prefix}Received expiry '${JSON.stringify(expiry)}'. Count must be an integer`,
    );
  }
  return count;
}
