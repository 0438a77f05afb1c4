// Connection URIs (a Petrel extension, GLIDE has none): `valkey://`, `valkeys://`,
// `redis://` and `rediss://` turn into a client configuration, and `unix://`,
// `valkey+unix://` and `redis+unix://` into a standalone one over a Unix socket
// (the database is then the `db` option, the path being the socket's). WHATWG `URL` is
// not used because it rejects comma-separated host lists and hides whether a
// port was given, so the parts are split by hand and each one is checked.
import { ConfigurationError } from "@petrel/protocol";
import type { GlideClusterClientConfiguration } from "../cluster/config.js";
import {
  type AdvancedBaseClientConfiguration,
  type BaseClientConfiguration,
  type GlideClientConfiguration,
  type NodeAddress,
  ProtocolVersion,
  type ReadFrom,
  type SentinelConfiguration,
  type UnixSocketAddress,
} from "../config/types.js";
import { SENTINEL_DEFAULT_PORT } from "../sentinel/config.js";

const DEFAULT_PORT = 6379;

const tlsBySchema: Readonly<Record<string, boolean>> = {
  "valkey:": false,
  "redis:": false,
  "valkeys:": true,
  "rediss:": true,
};

const unixSchemes: ReadonlySet<string> = new Set(["unix:", "valkey+unix:", "redis+unix:"]);

/** Sentinel URIs (Petrel only) and whether the servers speak TLS. */
const sentinelSchemes: Readonly<Record<string, boolean>> = {
  "valkey+sentinel:": false,
  "redis+sentinel:": false,
  "valkeys+sentinel:": true,
  "rediss+sentinel:": true,
};

/** The URI forms of a Sentinel deployment, whose type `configFromUri` can tell from a literal. */
export type SentinelUri = `${"valkey" | "redis" | "valkeys" | "rediss"}+sentinel://${string}`;

/** The URI forms of a Unix socket, whose type `configFromUri` can tell from a literal. */
export type UnixSocketUri = `${"unix" | "valkey+unix" | "redis+unix"}://${string}`;

const readFromValues: readonly ReadFrom[] = [
  "primary",
  "preferReplica",
  "AZAffinity",
  "AZAffinityReplicasAndPrimary",
  "allNodes",
];

/** The query options a URI may carry, e.g. `?protocol=resp2&clientName=api&requestTimeout=500`. */
export const URI_QUERY_OPTIONS = [
  "protocol",
  "clientName",
  "requestTimeout",
  "connectionTimeout",
  "readFrom",
  "clientAz",
  "lazyConnect",
  "insecure",
  "libName",
  "inflightRequestsLimit",
  "db",
] as const;

/**
 * Certificate options other clients' URIs use (redis-py's query keywords, and the short
 * forms people guess). Petrel refuses them with a pointer to the configuration, rather than
 * as unknown: mutual TLS is configuration-only.
 */
const TLS_FILE_OPTIONS: ReadonlySet<string> = new Set([
  "ssl_certfile",
  "ssl_keyfile",
  "ssl_ca_certs",
  "tls_cert",
  "tls_key",
  "tls_ca",
  "cert",
  "key",
  "ca",
]);

/** What a URI can say, before it is merged with overrides. */
export interface UriConfiguration extends BaseClientConfiguration {
  advancedConfiguration?: AdvancedBaseClientConfiguration;
}

/** What a Unix-socket URI says: a standalone configuration whose address is a socket path. */
export interface UnixUriConfiguration extends Omit<UriConfiguration, "addresses"> {
  addresses: UnixSocketAddress[];
}

/**
 * What a Sentinel URI says: a standalone configuration whose servers the sentinels name
 * (`sentinel.primaryName` from the path, `sentinel.sentinels` from the hosts).
 */
export interface SentinelUriConfiguration extends Omit<UriConfiguration, "addresses"> {
  sentinel: SentinelConfiguration;
}

/** Configuration fields that may override what the URI says (standalone or cluster). */
export type UriOverrides =
  | Partial<GlideClientConfiguration>
  | Partial<GlideClusterClientConfiguration>;

function invalid(uri: string, problem: string): never {
  throw new ConfigurationError(`Invalid connection URI "${redact(uri)}": ${problem}`);
}

// Error messages never repeat a password.
const redact = (uri: string): string =>
  uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?]*:).*@/i, "$1***@");

const decode = (uri: string, part: string, what: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return invalid(uri, `${what} has a malformed percent-encoding`);
  }
};

const parsePort = (uri: string, text: string, host: string): number => {
  if (!/^\d{1,5}$/.test(text)) invalid(uri, `port of ${host} must be a number, got "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65535) invalid(uri, `port of ${host} must be 1-65535, got ${port}`);
  return port;
};

const parseHost = (uri: string, entry: string, defaultPort = DEFAULT_PORT): NodeAddress => {
  if (entry === "") invalid(uri, "a host is empty");
  let host: string;
  let portText: string | undefined;
  if (entry.startsWith("[")) {
    const close = entry.indexOf("]");
    if (close === -1) invalid(uri, `IPv6 address "${entry}" has no closing bracket`);
    // A zone id is written %25 in a URI (RFC 6874): fe80::1%25eth0 is fe80::1%eth0.
    host = decode(uri, entry.slice(1, close), "an IPv6 address");
    const rest = entry.slice(close + 1);
    if (rest !== "" && !rest.startsWith(":"))
      invalid(uri, `unexpected "${rest}" after IPv6 address [${host}]`);
    if (rest !== "") portText = rest.slice(1);
    if (!/^[0-9a-fA-F:.]+(%[\w.-]+)?$/.test(host) || !host.includes(":"))
      invalid(uri, `"[${host}]" is not an IPv6 address`);
  } else {
    const colon = entry.lastIndexOf(":");
    if (colon !== -1 && entry.indexOf(":") !== colon)
      invalid(uri, `IPv6 address "${entry}" must be written in brackets, e.g. [::1]:6379`);
    host = decode(uri, colon === -1 ? entry : entry.slice(0, colon), "a host");
    if (colon !== -1) portText = entry.slice(colon + 1);
    if (host === "") invalid(uri, `host is empty in "${entry}"`);
    if (/[\s/?#@[\]]/.test(host)) invalid(uri, `host "${host}" contains an invalid character`);
  }
  const port = portText === undefined ? defaultPort : parsePort(uri, portText, host);
  return { host, port };
};

const parseDatabase = (uri: string, path: string): number | undefined => {
  if (path === "" || path === "/") return undefined;
  const text = path.slice(1);
  if (!/^\d+$/.test(text)) invalid(uri, `database must be a non-negative integer, got "${text}"`);
  const databaseId = Number(text);
  if (!Number.isSafeInteger(databaseId)) invalid(uri, `database ${text} is too large`);
  return databaseId;
};

const integerOption = (uri: string, name: string, value: string, min: number): number => {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value)))
    invalid(uri, `${name} must be an integer >= ${min}, got "${value}"`);
  return Number(value);
};

const booleanOption = (uri: string, name: string, value: string): boolean => {
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return invalid(uri, `${name} must be true or false, got "${value}"`);
};

const applyQuery = (
  uri: string,
  query: string,
  config: Omit<UriConfiguration, "addresses">,
  useTLS: boolean,
  unix: boolean,
): void => {
  const seen = new Set<string>();
  const advanced: AdvancedBaseClientConfiguration = {};
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const name = decode(uri, equals === -1 ? pair : pair.slice(0, equals), "an option name");
    const value = decode(
      uri,
      equals === -1 ? "" : pair.slice(equals + 1).replace(/\+/g, " "),
      name,
    );
    if (TLS_FILE_OPTIONS.has(name))
      invalid(
        uri,
        `${name}: certificates are configuration-only (no GLIDE, node-redis or ioredis URI carries them); pass advancedConfiguration.tlsAdvancedConfiguration.mutualTls / rootCertificates in overrides`,
      );
    if (!(URI_QUERY_OPTIONS as readonly string[]).includes(name))
      invalid(uri, `unknown option "${name}" (supported: ${URI_QUERY_OPTIONS.join(", ")})`);
    if (seen.has(name)) invalid(uri, `option "${name}" is given twice`);
    seen.add(name);
    switch (name) {
      case "protocol": {
        const lower = value.toLowerCase();
        if (lower !== "resp2" && lower !== "resp3" && lower !== "2" && lower !== "3")
          invalid(uri, `protocol must be resp2 or resp3, got "${value}"`);
        config.protocol =
          lower === "resp2" || lower === "2" ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3;
        break;
      }
      case "readFrom":
        if (!(readFromValues as readonly string[]).includes(value))
          invalid(uri, `readFrom must be one of ${readFromValues.join(", ")}, got "${value}"`);
        config.readFrom = value as ReadFrom;
        break;
      case "requestTimeout":
        config.requestTimeout = integerOption(uri, name, value, 0);
        break;
      case "inflightRequestsLimit":
        config.inflightRequestsLimit = integerOption(uri, name, value, 1);
        break;
      case "db":
        if (!unix)
          invalid(uri, "db applies to Unix-socket URIs; elsewhere the path is the database");
        config.databaseId = integerOption(uri, name, value, 0);
        break;
      case "connectionTimeout":
        advanced.connectionTimeout = integerOption(uri, name, value, 0);
        break;
      case "lazyConnect":
        config.lazyConnect = booleanOption(uri, name, value);
        break;
      case "insecure":
        if (!useTLS) invalid(uri, "insecure applies to TLS URIs only (valkeys:// or rediss://)");
        if (booleanOption(uri, name, value)) advanced.tlsAdvancedConfiguration = { insecure: true };
        break;
      default:
        // clientName, clientAz, libName: free text.
        if (value === "") invalid(uri, `${name} is empty`);
        config[name as "clientName" | "clientAz" | "libName"] = value;
    }
  }
  if (Object.keys(advanced).length > 0) config.advancedConfiguration = advanced;
};

const splitUserInfo = (
  uri: string,
  userInfo: string,
): { username?: string; password: string } | undefined => {
  if (userInfo === "") return undefined;
  const colon = userInfo.indexOf(":");
  if (colon === -1)
    invalid(uri, "a username needs a password (user:password@host, or :password@host)");
  const username = decode(uri, userInfo.slice(0, colon), "the username");
  const password = decode(uri, userInfo.slice(colon + 1), "the password");
  if (password === "") invalid(uri, "the password is empty");
  return username === "" ? { password } : { username, password };
};

/**
 * Reads a `valkey://`, `valkeys://`, `redis://` or `rediss://` URI:
 * `valkeys://user:pass@host1:6379,[::1]:6380/2?protocol=resp2&clientName=api&requestTimeout=500`,
 * or a Unix-socket URI: `unix://user:pass@/run/valkey.sock?db=2` (also `valkey+unix://`,
 * `redis+unix://`), or a Sentinel URI (Petrel only):
 * `valkey+sentinel://user:pass@s1:26379,s2/primaryName/2` (also `redis+sentinel://`, and
 * `valkeys+sentinel://` / `rediss+sentinel://` for TLS) gives `sentinel: { primaryName,
 * sentinels }` instead of `addresses`; sentinel ports default to 26379, the user info is the
 * primary's and replicas' credentials (sentinel credentials go in `overrides`).
 *
 * - the `s` schemes turn on TLS; the port defaults to 6379;
 * - user and password are percent-decoded; `:password@` authenticates as "default";
 * - IPv6 addresses go in brackets; several hosts are comma-separated (cluster seeds,
 *   or a standalone primary and its replicas);
 * - the path is the database number, except in a Unix-socket URI, where it is the socket's
 *   absolute path and the database is the `db` option;
 * - query options: see {@link URI_QUERY_OPTIONS}. `connectionTimeout` and `insecure`
 *   land in `advancedConfiguration`.
 *
 * `overrides` are merged on top (`advancedConfiguration` one level deep), so
 * `configFromUri(url, { periodicChecks: "disabled" })` suits `GlideClusterClient`. A Unix-socket
 * URI suits `GlideClient` only; it is typed as such when written as a literal, and a cluster
 * client given one at run time throws a ConfigurationError.
 * Throws ConfigurationError, with any password masked, for anything it cannot read.
 */
export function configFromUri(uri: UnixSocketUri): UnixUriConfiguration;
export function configFromUri<Overrides extends Partial<GlideClientConfiguration>>(
  uri: UnixSocketUri,
  overrides: Overrides,
): UnixUriConfiguration & Overrides;
export function configFromUri(uri: SentinelUri): SentinelUriConfiguration;
export function configFromUri<Overrides extends Partial<GlideClientConfiguration>>(
  uri: SentinelUri,
  overrides: Overrides,
): SentinelUriConfiguration & Overrides;
export function configFromUri(uri: string): UriConfiguration;
export function configFromUri<Overrides extends UriOverrides>(
  uri: string,
  overrides: Overrides,
): UriConfiguration & Overrides;
export function configFromUri(
  uri: string,
  overrides?: UriOverrides,
): UriConfiguration | UnixUriConfiguration | SentinelUriConfiguration {
  if (typeof uri !== "string") throw new ConfigurationError("Connection URI must be a string");
  const trimmed = uri.trim();
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\//.exec(trimmed);
  if (schemeMatch === null)
    invalid(uri, "expected valkey://, valkeys://, redis:// or rediss:// followed by a host");
  const scheme = (schemeMatch[1] as string).toLowerCase();
  const unix = unixSchemes.has(scheme);
  const sentinelTls = sentinelSchemes[scheme];
  const useTLS = unix ? false : (sentinelTls ?? tlsBySchema[scheme]);
  if (useTLS === undefined)
    invalid(
      uri,
      `unsupported scheme "${scheme}//" (use valkey, valkeys, redis, rediss, unix, valkey+unix or valkey+sentinel)`,
    );
  let rest = trimmed.slice(schemeMatch[0].length);
  if (rest.includes("#")) invalid(uri, "a fragment (#...) is not allowed");

  const queryStart = rest.indexOf("?");
  const query = queryStart === -1 ? "" : rest.slice(queryStart + 1);
  if (queryStart !== -1) rest = rest.slice(0, queryStart);
  const { userInfo, target } = unix ? splitUnixTarget(uri, rest) : splitTarget(rest);
  const settings: Omit<UriConfiguration, "addresses"> = {};
  if (useTLS) settings.useTLS = true;
  const credentials = splitUserInfo(uri, userInfo);
  if (credentials !== undefined) settings.credentials = credentials;
  let addresses: (NodeAddress | UnixSocketAddress)[];
  if (sentinelTls !== undefined) {
    const sentinel = parseSentinelTarget(uri, target, settings);
    applyQuery(uri, query, settings, useTLS, false);
    return mergeOverrides({ ...settings, sentinel } as unknown as UriConfiguration, overrides);
  }
  if (unix) {
    addresses = [{ path: decode(uri, target, "the socket path") }];
  } else {
    const pathStart = target.indexOf("/");
    const path = pathStart === -1 ? "" : target.slice(pathStart);
    const hostList = pathStart === -1 ? target : target.slice(0, pathStart);
    if (hostList === "") invalid(uri, "no host given");
    addresses = hostList.split(",").map((entry) => parseHost(uri, entry));
    const databaseId = parseDatabase(uri, path);
    if (databaseId !== undefined) settings.databaseId = databaseId;
  }
  applyQuery(uri, query, settings, useTLS, unix);
  // The merge treats both address kinds alike; resolveConfig tells them apart.
  return mergeOverrides({ addresses, ...settings } as UriConfiguration, overrides);
}

/** `host1:26379,host2/primaryName[/database]`: the sentinels, the monitored name, the database. */
const parseSentinelTarget = (
  uri: string,
  target: string,
  settings: Omit<UriConfiguration, "addresses">,
): SentinelConfiguration => {
  const pathStart = target.indexOf("/");
  const hostList = pathStart === -1 ? target : target.slice(0, pathStart);
  if (hostList === "") invalid(uri, "no sentinel host given");
  const sentinels = hostList
    .split(",")
    .map((entry) => parseHost(uri, entry, SENTINEL_DEFAULT_PORT));
  const [name = "", database, ...extra] = (
    pathStart === -1 ? "" : target.slice(pathStart + 1)
  ).split("/");
  if (name === "")
    invalid(uri, "the path must name the primary: valkey+sentinel://host:26379/primaryName[/db]");
  if (extra.length > 0) invalid(uri, "the path is /primaryName or /primaryName/database");
  const databaseId = database === undefined ? undefined : parseDatabase(uri, `/${database}`);
  if (databaseId !== undefined) settings.databaseId = databaseId;
  return { primaryName: decode(uri, name, "the primary name"), sentinels };
};

/** `user:pass@host…/path`: the last "@" ends the user info, so a raw "@" or "/" in a password still works. */
const splitTarget = (rest: string): { userInfo: string; target: string } => {
  const at = rest.lastIndexOf("@");
  return {
    userInfo: at === -1 ? "" : rest.slice(0, at),
    target: at === -1 ? rest : rest.slice(at + 1),
  };
};

/** `user:pass@/socket/path`: the user info ends at the first "@/" (encode an "@/" in a password). */
const splitUnixTarget = (uri: string, rest: string): { userInfo: string; target: string } => {
  const at = rest.startsWith("/") ? -1 : rest.indexOf("@/");
  const target = at === -1 ? rest : rest.slice(at + 1);
  if (!target.startsWith("/") || target.length === 1)
    invalid(uri, "a Unix-socket URI needs an absolute socket path, e.g. unix:///run/valkey.sock");
  return { userInfo: at === -1 ? "" : rest.slice(0, at), target };
};

const mergeOverrides = (config: UriConfiguration, overrides?: UriOverrides): UriConfiguration => {
  if (overrides === undefined) return config;
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides))
    throw new ConfigurationError("configFromUri overrides must be an object");
  const merged = { ...config, ...overrides } as UriConfiguration;
  if (config.advancedConfiguration !== undefined && overrides.advancedConfiguration !== undefined)
    merged.advancedConfiguration = {
      ...config.advancedConfiguration,
      ...overrides.advancedConfiguration,
    };
  return merged;
};
