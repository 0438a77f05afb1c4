// Turns a user's configuration into a ResolvedConfig, or throws a
// ConfigurationError naming the offending field. Nothing is coerced silently.
import { Decoder } from "@petrel/commands";
import { ConfigurationError } from "@petrel/protocol";
import { getIamProviderFactory } from "../auth/credentials-provider.js";
import { type AttachableCache, isAttachableCache } from "../cache/attach.js";
import { resolveCircuitBreaker } from "../circuit-breaker/config.js";
import { registeredAddressResolver } from "../resolver/registry.js";
import { resolveCompression } from "./compression.js";
import { DEFAULTS } from "./defaults.js";
import { resolveMutualTls } from "./mutual-tls.js";
import type {
  CredentialsSource,
  ResolvedAddress,
  ResolvedBackoff,
  ResolvedConfig,
  ResolvedTls,
} from "./resolved.js";
import { type GlideClientConfiguration, ProtocolVersion, type ReadFrom } from "./types.js";

const knownTopLevel = new Set([
  "addresses",
  "databaseId",
  "useTLS",
  "credentials",
  "requestTimeout",
  "readFrom",
  "protocol",
  "clientName",
  "libName",
  "clientInfoTag",
  "defaultDecoder",
  "inflightRequestsLimit",
  "clientAz",
  "connectionBackoff",
  "lazyConnect",
  "addressResolver",
  "credentialsProvider",
  "advancedConfiguration",
  "compression",
  "clientSideCache",
  "clientCircuitBreaker",
]);
const knownAdvanced = new Set([
  "connectionTimeout",
  "tlsAdvancedConfiguration",
  "tcpNoDelay",
  "tcpKeepAliveInitialDelay",
  "pubsubReconciliationIntervalMs",
]);
const readFromValues: readonly ReadFrom[] = [
  "primary",
  "preferReplica",
  "AZAffinity",
  "AZAffinityReplicasAndPrimary",
];

type Bag = Record<string, unknown>;

const advancedField = "advancedConfiguration.";
const tlsField = `${advancedField}tlsAdvancedConfiguration`;

/** Throws GLIDE's error for a bad option: `Invalid configuration: <field> <problem>`. */
function fail(field: string, problem: string): never {
  throw new ConfigurationError(`Invalid configuration: ${field} ${problem}`);
}

// The standalone, cluster and Sentinel options share the one thrower.
export { fail as invalidConfiguration };

const isBag = (value: unknown): value is Bag =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const rejectUnknown = (bag: Bag, known: Set<string>, prefix: string): void => {
  for (const key of Object.keys(bag)) {
    if (!known.has(key) && bag[key] !== undefined)
      fail(`${prefix}${key}`, "is not a supported option");
  }
};

// The optional* readers name the field `${prefix}${key}` ("advancedConfiguration." + key):
// each field's path is written once.
const optionalInteger = (
  bag: Bag,
  key: string,
  min: number,
  max: number,
  prefix = "",
): number | undefined => {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(prefix + key, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
};

const optionalNumber = (bag: Bag, key: string, min: number, prefix = ""): number | undefined => {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    fail(prefix + key, `must be a finite number >= ${min}, got ${String(value)}`);
  }
  return value;
};

const optionalBoolean = (bag: Bag, key: string, prefix = ""): boolean | undefined => {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(prefix + key, `must be a boolean, got ${typeof value}`);
  return value;
};

const optionalString = (bag: Bag, key: string, prefix = ""): string | undefined => {
  const value = bag[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail(prefix + key, `must be a string, got ${typeof value}`);
  return value;
};

/** Names sent on the wire must not contain spaces or newlines (the server refuses them). */
const optionalToken = (bag: Bag, key: string): string | undefined => {
  const value = optionalString(bag, key);
  if (value !== undefined && (value.length === 0 || /\s/.test(value))) {
    fail(key, "must be a non-empty string without spaces or newlines");
  }
  return value;
};

/** CLIENT SETINFO attribute text: printable ASCII without spaces; "(" and ")" compose name and tag. */
const optionalClientAttribute = (bag: Bag, key: string): string | undefined => {
  const value = optionalString(bag, key);
  if (value === undefined || value === "") return undefined;
  if (!/^[!-~]+$/.test(value) || /[()]/.test(value)) {
    fail(key, 'must be printable ASCII ("!" to "~") without "(" or ")"');
  }
  return value;
};

/** GLIDE's rule: the library name, with `clientInfoTag` appended in parentheses. */
const resolveLibName = (bag: Bag): string => {
  const name = optionalClientAttribute(bag, "libName") ?? DEFAULTS.libName;
  const tag = optionalClientAttribute(bag, "clientInfoTag");
  return tag === undefined ? name : `${name}(${tag})`;
};

const resolveAddresses = (value: unknown): ResolvedAddress[] => {
  if (!Array.isArray(value) || value.length === 0)
    fail("addresses", "must be a non-empty array of { host, port? } or { path }");
  return value.map((entry: unknown, index) => {
    const field = `addresses[${index}]`;
    if (!isBag(entry)) fail(field, "must be an object { host, port? } or { path }");
    if (entry.path !== undefined) return resolveUnixSocket(entry, field);
    const host = entry.host;
    if (typeof host !== "string" || host.length === 0)
      fail(`${field}.host`, "must be a non-empty string");
    const port = optionalInteger(entry, "port", 1, 65535, `${field}.`) ?? DEFAULTS.port;
    return { host, port };
  });
};

const resolveUnixSocket = (entry: Bag, field: string): ResolvedAddress => {
  const path = entry.path;
  if (typeof path !== "string" || path.length === 0)
    fail(`${field}.path`, "must be a non-empty string");
  if (entry.host !== undefined || entry.port !== undefined)
    fail(field, "takes either a path or a host and port, not both");
  return { host: path, port: 0, path };
};

const resolveBackoff = (value: unknown): ResolvedBackoff => {
  if (value === undefined) return DEFAULTS.connectionBackoff;
  if (!isBag(value)) fail("connectionBackoff", "must be an object");
  const required = (key: string, min: number): number => {
    const v = optionalNumber(value, key, min, "connectionBackoff.");
    if (v === undefined) fail(`connectionBackoff.${key}`, "is required");
    return v;
  };
  const numberOfRetries = required("numberOfRetries", 0);
  if (!Number.isInteger(numberOfRetries))
    fail("connectionBackoff.numberOfRetries", "must be an integer");
  const factor = required("factor", 0);
  const exponentBase = required("exponentBase", 1);
  const jitter = optionalNumber(value, "jitterPercent", 0, "connectionBackoff.");
  if (jitter !== undefined && jitter > 100)
    fail("connectionBackoff.jitterPercent", "must be at most 100");
  return {
    numberOfRetries,
    factor,
    exponentBase,
    jitterPercent: jitter ?? DEFAULTS.connectionBackoff.jitterPercent,
  };
};

/** A refresh interval must fit setInterval (longer ones would fire every millisecond). */
const checkRefreshInterval = (interval: unknown, field: string): void => {
  if (interval === undefined) return;
  if (typeof interval !== "number" || !(interval > 0) || interval > 2 ** 31 - 1) {
    fail(field, "must be a positive number of milliseconds, at most 2^31 - 1");
  }
};

const resolveCredentials = (config: Bag): CredentialsSource => {
  const provider = config.credentialsProvider;
  const credentials = config.credentials;
  if (provider !== undefined) {
    if (credentials !== undefined)
      fail("credentialsProvider", "cannot be combined with credentials");
    if (!isBag(provider) || typeof provider.getCredentials !== "function") {
      fail("credentialsProvider", "must have a getCredentials() method");
    }
    checkRefreshInterval(provider.refreshIntervalMs, "credentialsProvider.refreshIntervalMs");
    return { kind: "provider", provider: provider as never, iam: false };
  }
  if (credentials === undefined) return { kind: "none" };
  if (!isBag(credentials)) fail("credentials", "must be an object");
  const username = optionalString(credentials, "username", "credentials.");
  if (credentials.iamConfig !== undefined) {
    if (credentials.password !== undefined)
      fail("credentials", "cannot have both password and iamConfig");
    if (username === undefined) fail("credentials.username", "is required with iamConfig");
    const iamConfig = credentials.iamConfig;
    if (!isBag(iamConfig)) fail("credentials.iamConfig", "must be an object");
    for (const key of ["clusterName", "region"]) {
      if (typeof iamConfig[key] !== "string" || iamConfig[key] === "") {
        fail(`credentials.iamConfig.${key}`, "must be a non-empty string");
      }
    }
    if (iamConfig.service !== "Elasticache" && iamConfig.service !== "MemoryDB") {
      fail("credentials.iamConfig.service", 'must be "Elasticache" or "MemoryDB"');
    }
    optionalInteger(iamConfig, "refreshIntervalSeconds", 1, 86_400, "credentials.iamConfig.");
    const factory = getIamProviderFactory();
    if (factory === undefined) {
      fail(
        "credentials.iamConfig",
        'needs the IAM plugin: install "@petrel/iam" and import it before creating the client',
      );
    }
    const iamProvider = factory({ username, iamConfig: iamConfig as never });
    checkRefreshInterval(iamProvider.refreshIntervalMs, "the IAM provider's refreshIntervalMs");
    return { kind: "provider", provider: iamProvider, iam: true };
  }
  const password = credentials.password;
  if (typeof password !== "string") fail("credentials.password", "must be a string");
  return { kind: "static", username, password };
};

const resolveTls = (useTLS: boolean, advanced: Bag): ResolvedTls | undefined => {
  const tlsOptions = advanced.tlsAdvancedConfiguration;
  if (tlsOptions === undefined)
    return useTLS ? { insecure: false, rootCertificates: undefined } : undefined;
  if (!isBag(tlsOptions)) fail(tlsField, "must be an object");
  if (!useTLS) fail(tlsField, "requires useTLS: true");
  rejectUnknown(tlsOptions, new Set(["insecure", "rootCertificates", "mutualTls"]), `${tlsField}.`);
  const insecure = optionalBoolean(tlsOptions, "insecure", `${tlsField}.`);
  const roots = tlsOptions.rootCertificates;
  if (roots !== undefined && typeof roots !== "string" && !Buffer.isBuffer(roots)) {
    fail(`${tlsField}.rootCertificates`, "must be a PEM string or Buffer");
  }
  if (roots !== undefined && roots.length === 0) {
    fail(`${tlsField}.rootCertificates`, "must not be empty");
  }
  const mutualTls =
    tlsOptions.mutualTls === undefined ? undefined : resolveMutualTls(tlsOptions.mutualTls);
  return { insecure: insecure ?? false, rootCertificates: roots, mutualTls };
};

/** Validates `config` and applies the defaults. Throws ConfigurationError. */
export const resolveConfig = (config: GlideClientConfiguration): ResolvedConfig => {
  if (!isBag(config)) fail("configuration", "must be an object");
  const bag: Bag = config as unknown as Bag;
  rejectUnknown(bag, knownTopLevel, "");
  const advanced = bag.advancedConfiguration ?? {};
  if (!isBag(advanced)) fail("advancedConfiguration", "must be an object");
  rejectUnknown(advanced, knownAdvanced, advancedField);

  const addresses = resolveAddresses(bag.addresses);
  const useTLS = optionalBoolean(bag, "useTLS") ?? DEFAULTS.useTLS;

  const protocol = bag.protocol ?? DEFAULTS.protocol;
  if (protocol !== ProtocolVersion.RESP3 && protocol !== ProtocolVersion.RESP2) {
    fail("protocol", "must be ProtocolVersion.RESP3 (0) or ProtocolVersion.RESP2 (1)");
  }
  const decoder = bag.defaultDecoder ?? DEFAULTS.defaultDecoder;
  if (decoder !== Decoder.String && decoder !== Decoder.Bytes) {
    fail("defaultDecoder", "must be Decoder.Bytes (0) or Decoder.String (1)");
  }
  const readFrom = bag.readFrom ?? DEFAULTS.readFrom;
  if (!readFromValues.includes(readFrom as ReadFrom)) {
    fail("readFrom", `must be one of ${readFromValues.join(", ")}, got ${String(readFrom)}`);
  }
  const clientAz = optionalString(bag, "clientAz");
  if ((readFrom === "AZAffinity" || readFrom === "AZAffinityReplicasAndPrimary") && !clientAz) {
    fail("clientAz", `is required with readFrom "${String(readFrom)}"`);
  }
  let resolver = bag.addressResolver;
  // A string names a resolver of the process-wide registry (registerAddressResolver).
  if (typeof resolver === "string") resolver = registeredAddressResolver(resolver);
  else if (resolver !== undefined && typeof resolver !== "function")
    fail("addressResolver", "must be a function or a key from registerAddressResolver");

  return {
    addresses,
    databaseId: optionalInteger(bag, "databaseId", 0, 1_000_000) ?? DEFAULTS.databaseId,
    tls: resolveTls(useTLS, advanced),
    credentials: resolveCredentials(bag),
    requestTimeoutMs:
      optionalInteger(bag, "requestTimeout", 1, 2 ** 31 - 1) ?? DEFAULTS.requestTimeoutMs,
    readFrom: readFrom as ReadFrom,
    clientAz,
    resp: protocol === ProtocolVersion.RESP2 ? 2 : 3,
    clientName: optionalToken(bag, "clientName"),
    libName: resolveLibName(bag),
    defaultDecoder: decoder as Decoder,
    inflightRequestsLimit:
      optionalInteger(bag, "inflightRequestsLimit", 1, 2 ** 31 - 1) ??
      DEFAULTS.inflightRequestsLimit,
    backoff: resolveBackoff(bag.connectionBackoff),
    lazyConnect: optionalBoolean(bag, "lazyConnect") ?? DEFAULTS.lazyConnect,
    connectionTimeoutMs:
      optionalInteger(advanced, "connectionTimeout", 1, 2 ** 31 - 1, advancedField) ??
      DEFAULTS.connectionTimeoutMs,
    tcpNoDelay: optionalBoolean(advanced, "tcpNoDelay", advancedField) ?? DEFAULTS.tcpNoDelay,
    tcpKeepAliveInitialDelayMs:
      optionalInteger(advanced, "tcpKeepAliveInitialDelay", 1000, 2 ** 31 - 1, advancedField) ??
      DEFAULTS.tcpKeepAliveInitialDelayMs,
    pubsubReconciliationIntervalMs:
      optionalInteger(advanced, "pubsubReconciliationIntervalMs", 1, 2 ** 31 - 1, advancedField) ??
      DEFAULTS.pubsubReconciliationIntervalMs,
    addressResolver: resolver as ResolvedConfig["addressResolver"],
    compression: resolveCompression(bag.compression),
    clientSideCache: resolveClientSideCache(bag.clientSideCache, protocol),
    circuitBreaker: resolveCircuitBreaker(bag.clientCircuitBreaker),
  };
};

const resolveClientSideCache = (value: unknown, protocol: unknown): AttachableCache | undefined => {
  if (value === undefined) return undefined;
  if (!isAttachableCache(value)) {
    fail("clientSideCache", "must be a ClientSideCache (new ClientSideCache(…) or create(…))");
  }
  // Invalidation pushes must arrive on the connection that read the key, in order with its
  // replies, for the freshness guarantee; RESP2 could only redirect them to another one.
  if (value.serverAssisted && protocol === ProtocolVersion.RESP2) {
    fail("clientSideCache.serverAssisted", "needs protocol RESP3 (ProtocolVersion.RESP3)");
  }
  return value;
};
