// Validation of the `sentinel` option, and the configuration the connections to
// the sentinels use: the client's timeouts and backoff, but the sentinels' own
// credentials and TLS choice, database 0, no compression.
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import { invalidConfiguration } from "../config/validate.js";

/** Sentinel's well-known port, used when an address gives none. */
export const SENTINEL_DEFAULT_PORT = 26379;

export interface ResolvedSentinel {
  readonly primaryName: string;
  /** The configured sentinels, in order. */
  readonly sentinels: readonly ResolvedAddress[];
  readonly credentials: ResolvedCredentials | undefined;
  /** Settings of the connections to the sentinels. */
  readonly config: ResolvedConfig;
}

type Bag = Record<string, unknown>;

const known = new Set(["primaryName", "sentinels", "credentials", "useTLS"]);

function fail(field: string, problem: string): never {
  invalidConfiguration(`sentinel${field}`, problem);
}

function isBag(value: unknown): value is Bag {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveSentinelAddresses(value: unknown): ResolvedAddress[] {
  if (!Array.isArray(value) || value.length === 0)
    fail(".sentinels", "must be a non-empty array of { host, port? }");
  return value.map((entry: unknown, index) => {
    const field = `.sentinels[${index}]`;
    if (!isBag(entry)) fail(field, "must be an object { host, port? }");
    const { host, port } = entry;
    if (typeof host !== "string" || host.length === 0)
      fail(`${field}.host`, "must be a non-empty string");
    if (
      port !== undefined &&
      (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
    )
      fail(`${field}.port`, `must be an integer from 1 to 65535, got ${String(port)}`);
    return { host, port: port ?? SENTINEL_DEFAULT_PORT };
  });
}

function resolveSentinelCredentials(value: unknown): ResolvedCredentials | undefined {
  if (value === undefined) return undefined;
  if (!isBag(value)) fail(".credentials", "must be an object { username?, password }");
  const { username, password } = value;
  if (username !== undefined && (typeof username !== "string" || username === ""))
    fail(".credentials.username", "must be a non-empty string");
  if (typeof password !== "string") fail(".credentials.password", "must be a string");
  return username === undefined ? { password } : { username, password };
}

/**
 * Checks the user's `sentinel` option against `base` (the client's resolved configuration).
 * Throws ConfigurationError naming the field.
 */
export function resolveSentinel(value: unknown, base: ResolvedConfig): ResolvedSentinel {
  if (!isBag(value)) fail("", "must be an object { primaryName, sentinels, … }");
  for (const key of Object.keys(value)) {
    if (!known.has(key) && value[key] !== undefined) fail(`.${key}`, "is not a supported option");
  }
  const { primaryName, useTLS } = value;
  if (typeof primaryName !== "string" || primaryName.length === 0 || /\s/.test(primaryName))
    fail(".primaryName", "must be a non-empty string without spaces");
  if (useTLS !== undefined && typeof useTLS !== "boolean")
    fail(".useTLS", `must be a boolean, got ${typeof useTLS}`);
  const sentinels = resolveSentinelAddresses(value.sentinels);
  const tls =
    (useTLS ?? base.tls !== undefined)
      ? (base.tls ?? { insecure: false, rootCertificates: undefined })
      : undefined;
  return {
    primaryName,
    sentinels,
    credentials: resolveSentinelCredentials(value.credentials),
    config: {
      ...base,
      addresses: sentinels,
      databaseId: 0,
      tls,
      credentials: { kind: "none" },
      compression: undefined,
      readFrom: "primary",
    },
  };
}
