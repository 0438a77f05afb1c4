// The CONFIG parameters its keyspaces read: OBJECT ENCODING's conversion
// thresholds (with their ziplist-era aliases) and the LFU counter's
// parameters, and the bindings that keep a node's EncodingLimits and
// AccessPolicy (read on every write and read) in step with CONFIG SET.

import type { EncodingLimits } from "../data/encoding.js";
import type { AccessPolicy } from "../data/lfu.js";
import type { ConfigParameter, ServerConfig } from "./config.js";
import { memoryBytes } from "./memory-units.js";

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

function memoryValidator(value: string): string | undefined {
  return memoryBytes(value) === undefined ? "argument must be a memory value" : undefined;
}

function intValidator(min: bigint): (value: string) => string | undefined {
  return (value) => {
    const parsed = integerText(value);
    if (parsed === undefined) return "argument couldn't be parsed into an integer";
    return parsed < min || parsed > 2147483647n
      ? `argument must be between ${min} and 2147483647 inclusive`
      : undefined;
  };
}

const listSizeValidator = intValidator(-2147483648n);

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

export const KEYSPACE_PARAMETERS: readonly ConfigParameter[] = [
  ...TABLE.flatMap(([name, alias, initial, , kind]) => [
    parameter(name, alias, initial, kind),
    ...(alias === undefined ? [] : [parameter(alias, name, initial, kind)]),
  ]),
  { name: "lfu-log-factor", initial: "10", mutable: true, validate: intValidator(0n) },
  { name: "lfu-decay-time", initial: "1", mutable: true, validate: intValidator(0n) },
];

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

/** Keeps `policy` equal to the node's maxmemory-policy and LFU parameters from now on. */
export function bindAccessPolicy(config: ServerConfig, policy: AccessPolicy): void {
  const apply = () => {
    policy.lfu = config.get("maxmemory-policy").endsWith("-lfu");
    policy.logFactor = Number(config.get("lfu-log-factor"));
    policy.decayMinutes = Number(config.get("lfu-decay-time"));
  };
  apply();
  for (const name of ["maxmemory-policy", "lfu-log-factor", "lfu-decay-time"])
    config.onChange(name, apply);
}
