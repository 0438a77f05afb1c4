// Keys and values as the cache holds them. A key is one JavaScript string per
// server key whatever form the caller or the server used (a string, or the
// Buffer of its UTF-8 bytes), so an invalidation naming a key finds it. Values
// are copied in and out when they hold Buffers or containers, so no caller can
// change what another one reads.
import type { CommandArg } from "@petrel/protocol";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
const nonAscii = /[^\x00-\x7f]/;

/** Whether `text` is all ASCII, so its cache name is itself. */
export function isAscii(text: string): boolean {
  return !nonAscii.test(text);
}

/** The cache's name for a server key: ASCII strings as they are, anything else by its bytes. */
export function cacheKey(key: CommandArg | unknown): string | undefined {
  if (typeof key === "string") {
    return isAscii(key) ? key : Buffer.from(key, "utf8").toString("latin1");
  }
  if (Buffer.isBuffer(key)) return key.toString("latin1");
  if (key instanceof Uint8Array) return Buffer.from(key).toString("latin1");
  return undefined;
}

/** Bytes of `value` as the budget counts them: string and Buffer contents, recursively. */
export function valueBytes(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(value, "utf8");
  if (Buffer.isBuffer(value)) return value.length;
  if (value === null || value === undefined) return 0;
  if (typeof value === "number" || typeof value === "boolean") return 8;
  let total = 0;
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) total += valueBytes(item);
    return total;
  }
  if (value instanceof Map) {
    for (const [field, item] of value) total += valueBytes(field) + valueBytes(item);
    return total;
  }
  if (typeof value === "object") {
    for (const item of Object.values(value)) total += valueBytes(item);
  }
  return total;
}

/** A copy sharing nothing mutable with `value` (strings are shared: they are immutable). */
export function copyValue<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (Array.isArray(value)) return value.map(copyValue) as T;
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    for (const item of value) copy.add(copyValue(item));
    return copy as T;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    for (const [field, item] of value) copy.set(copyValue(field), copyValue(item));
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) copy[field] = copyValue(item);
  return copy as T;
}
