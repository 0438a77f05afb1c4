// The CONFIG parameters behind OBJECT ENCODING's conversions, with their
// ziplist-era aliases, and the binding that keeps a node's EncodingLimits
// (read by its keyspaces on every write) in step with CONFIG SET.

import type { EncodingLimits } from "../data/encoding.js";
import type { ConfigParameter, ServerConfig } from "./config.js";

const MAX_SIZE = "9223372036854775807";

function integerText(value: string): bigint | undefined {
  return /^-?\d+$/.test(value) ? BigInt(value) : undefined;
}

/** A count (size_t): the server's two errors for text and for a negative number. */
function countValidator(value: string): string | undefined {
  const parsed = integerText(value);
  if (parsed === undefined) return "argument couldn't be parsed into an integer";
  return parsed < 0n || parsed > BigInt(MAX_SIZE)
    ? `argument must be between 0 and ${MAX_SIZE} inclusive`
    : undefined;
}

const MEMORY_UNITS: Record<string, number> = {
  k: 1000,
  kb: 1024,
  m: 1e6,
  mb: 1024 ** 2,
  g: 1e9,
  gb: 1024 ** 3,
};

function memoryBytes(value: string): number | undefined {
  const match = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * (MEMORY_UNITS[match[2]?.toLowerCase() ?? ""] ?? 1);
}

function memoryValidator(value: string): string | undefined {
  return memoryBytes(value) === undefined ? "argument must be a memory value" : undefined;
}

function listSizeValidator(value: string): string | undefined {
  const parsed = integerText(value);
  if (parsed === undefined) return "argument couldn't be parsed into an integer";
  return parsed < -2147483648n || parsed > 2147483647n
    ? "argument must be between -2147483648 and 2147483647 inclusive"
    : undefined;
}

type LimitName = keyof EncodingLimits;

/** name, ziplist alias, initial value, limit field, and whether it is a memory value. */
const TABLE: readonly (readonly [
  string,
  string | undefined,
  string,
  LimitName,
  "count" | "memory" | "list",
])[] = [
  ["hash-max-listpack-entries", "hash-max-ziplist-entries", "512", "hashEntries", "count"],
  ["hash-max-listpack-value", "hash-max-ziplist-value", "64", "hashValue", "memory"],
  ["list-max-listpack-size", "list-max-ziplist-size", "-2", "listSize", "list"],
  ["set-max-intset-entries", undefined, "512", "setIntsetEntries", "count"],
  ["set-max-listpack-entries", undefined, "128", "setListpackEntries", "count"],
  ["set-max-listpack-value", undefined, "64", "setListpackValue", "memory"],
  ["zset-max-listpack-entries", "zset-max-ziplist-entries", "128", "zsetEntries", "count"],
  ["zset-max-listpack-value", "zset-max-ziplist-value", "64", "zsetValue", "memory"],
];

function parameter(
  name: string,
  alias: string | undefined,
  initial: string,
  kind: string,
): ConfigParameter {
  return {
    name,
    initial,
    mutable: true,
    ...(alias === undefined ? {} : { alias }),
    validate:
      kind === "count" ? countValidator : kind === "memory" ? memoryValidator : listSizeValidator,
    // Memory values print as bytes.
    ...(kind === "memory" ? { canonical: (value: string) => String(memoryBytes(value)) } : {}),
  };
}

export const ENCODING_PARAMETERS: readonly ConfigParameter[] = TABLE.flatMap(
  ([name, alias, initial, , kind]) => [
    parameter(name, alias, initial, kind),
    ...(alias === undefined ? [] : [parameter(alias, name, initial, kind)]),
  ],
);

/** Keeps `limits` equal to the node's configuration from now on. */
export function bindEncodingLimits(config: ServerConfig, limits: EncodingLimits): void {
  for (const [name, alias, , field] of TABLE) {
    const apply = () => {
      limits[field] = Number(config.get(name));
    };
    apply();
    config.onChange(name, apply);
    if (alias !== undefined) config.onChange(alias, apply);
  }
}
