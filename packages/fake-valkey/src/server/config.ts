// CONFIG GET/SET parameters the fake knows. Values are kept as the server
// prints them; setters validate like the server and may react (requirepass).

import { globMatch } from "../data/glob.js";
import { validateEvictionPolicy } from "./eviction.js";
import { KEYSPACE_PARAMETERS } from "./keyspace-config.js";
import { canonicalKeyspaceEvents, validateKeyspaceEvents } from "./keyspace-events.js";
import { memoryBytes } from "./memory-units.js";

export interface ConfigParameter {
  readonly name: string;
  readonly initial: string;
  readonly mutable?: boolean;
  /** Returns an error reason when the value is refused. */
  readonly validate?: (value: string) => string | undefined;
  /** The spelling CONFIG GET prints for an accepted value (default: as given). */
  readonly canonical?: (value: string) => string;
  /** Another name for the same setting (the `*-ziplist-*` names): setting one sets both. */
  readonly alias?: string;
}

function integerInRange(min: number, max: number): (value: string) => string | undefined {
  return (value) => {
    const parsed = Number(parseMemory(value));
    return Number.isInteger(parsed) && parsed >= min && parsed <= max
      ? undefined
      : "argument couldn't be parsed into an integer";
  };
}

function yesNo(value: string): string | undefined {
  return value === "yes" || value === "no" ? undefined : "argument must be 'yes' or 'no'";
}

/** Accepts the server's memory units (`512mb`, `1gb`). */
function parseMemory(value: string): string {
  const bytes = memoryBytes(value);
  return bytes === undefined ? value : String(bytes);
}

export const CONFIG_PARAMETERS: readonly ConfigParameter[] = [
  { name: "requirepass", initial: "", mutable: true },
  { name: "availability-zone", initial: "", mutable: true },
  { name: "acllog-max-len", initial: "128", mutable: true, validate: integerInRange(0, 2 ** 53) },
  {
    name: "proto-max-bulk-len",
    initial: "536870912",
    mutable: true,
    validate: integerInRange(1024 * 1024, 2 ** 53),
  },
  { name: "databases", initial: "16" },
  { name: "port", initial: "0" },
  { name: "bind", initial: "127.0.0.1" },
  { name: "cluster-enabled", initial: "no" },
  { name: "maxmemory", initial: "0", mutable: true, validate: integerInRange(0, 2 ** 53) },
  {
    name: "maxmemory-policy",
    initial: "noeviction",
    mutable: true,
    validate: validateEvictionPolicy,
    canonical: (value) => value.toLowerCase(),
  },
  { name: "maxmemory-samples", initial: "5", mutable: true, validate: integerInRange(1, 64) },
  { name: "timeout", initial: "0", mutable: true, validate: integerInRange(0, 2 ** 31) },
  { name: "appendonly", initial: "no", mutable: true, validate: yesNo },
  { name: "save", initial: "", mutable: true },
  {
    name: "notify-keyspace-events",
    initial: "",
    mutable: true,
    validate: validateKeyspaceEvents,
    canonical: canonicalKeyspaceEvents,
  },
  { name: "hz", initial: "10", mutable: true, validate: integerInRange(1, 500) },
  { name: "replica-read-only", initial: "yes", mutable: true, validate: yesNo },
  { name: "replica-serve-stale-data", initial: "yes", mutable: true, validate: yesNo },
  { name: "cluster-allow-reads-when-down", initial: "no", mutable: true, validate: yesNo },
  { name: "cluster-require-full-coverage", initial: "yes", mutable: true, validate: yesNo },
  {
    name: "cluster-node-timeout",
    initial: "15000",
    mutable: true,
    validate: integerInRange(0, 2 ** 53),
  },
  { name: "lua-time-limit", initial: "5000", mutable: true, validate: integerInRange(0, 2 ** 53) },
  {
    name: "busy-reply-threshold",
    initial: "5000",
    mutable: true,
    validate: integerInRange(0, 2 ** 53),
  },
  {
    name: "slowlog-log-slower-than",
    initial: "10000",
    mutable: true,
    validate: integerInRange(-(2 ** 53), 2 ** 53),
  },
  { name: "slowlog-max-len", initial: "128", mutable: true, validate: integerInRange(0, 2 ** 53) },
  {
    name: "latency-monitor-threshold",
    initial: "0",
    mutable: true,
    validate: integerInRange(0, 2 ** 53),
  },
  { name: "latency-tracking", initial: "yes", mutable: true, validate: yesNo },
  ...KEYSPACE_PARAMETERS,
];

export class ServerConfig {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Map<string, ((value: string) => void)[]>();
  /** Parsed numbers, since some are read on every request (proto-max-bulk-len). */
  private readonly numbers = new Map<string, number>();

  constructor(overrides: Readonly<Record<string, string>> = {}) {
    for (const parameter of CONFIG_PARAMETERS) this.values.set(parameter.name, parameter.initial);
    for (const [name, value] of Object.entries(overrides)) this.values.set(name, value);
  }

  get(name: string): string {
    return this.values.get(name) ?? "";
  }

  getNumber(name: string): number {
    let parsed = this.numbers.get(name);
    if (parsed === undefined) {
      parsed = Number(parseMemory(this.get(name)));
      this.numbers.set(name, parsed);
    }
    return parsed;
  }

  /** Parameters matching a glob, in table order, as `[name, value]`. */
  matching(pattern: string): [string, string][] {
    const lower = pattern.toLowerCase();
    return [...this.values].filter(([name]) => globMatch(lower, name));
  }

  /** Checks a CONFIG SET without applying it: the error text, or undefined. */
  check(name: string, value: string): string | undefined {
    const parameter = CONFIG_PARAMETERS.find((p) => p.name === name);
    if (parameter === undefined)
      return `Unknown option or number of arguments for CONFIG SET - '${name}'`;
    if (parameter.mutable !== true)
      return `CONFIG SET failed (possibly related to argument '${name}') - can't set immutable config`;
    const reason = parameter.validate?.(value);
    if (reason !== undefined)
      return `CONFIG SET failed (possibly related to argument '${name}') - ${reason}`;
    return undefined;
  }

  /** The value as CONFIG GET will print it once set. */
  canonical(name: string, value: string): string {
    const parameter = CONFIG_PARAMETERS.find((p) => p.name === name);
    return parameter?.canonical?.(value) ?? value;
  }

  /** Sets a value (no validation: tests and startup use it directly). */
  set(name: string, value: string): void {
    const alias = CONFIG_PARAMETERS.find((p) => p.name === name)?.alias;
    for (const each of alias === undefined ? [name] : [name, alias]) {
      this.values.set(each, value);
      this.numbers.delete(each);
    }
    for (const listener of this.listeners.get(name) ?? []) listener(value);
  }

  onChange(name: string, listener: (value: string) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
}
