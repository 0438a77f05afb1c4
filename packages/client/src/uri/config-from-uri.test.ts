import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { resolveClusterConfig } from "../cluster/config.js";
import { ProtocolVersion } from "../config/types.js";
import { resolveConfig } from "../config/validate.js";
import { resolveStandaloneConfig } from "../standalone/config.js";
import { configFromUri } from "./config-from-uri.js";

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("configFromUri", () => {
  it("reads a plain valkey:// URI with the default port", () => {
    expect(configFromUri("valkey://localhost")).toEqual({
      addresses: [{ host: "localhost", port: 6379 }],
    });
    expect(configFromUri("redis://10.0.0.5:7000")).toEqual({
      addresses: [{ host: "10.0.0.5", port: 7000 }],
    });
  });

  it("turns TLS on for valkeys:// and rediss://, case-insensitively", () => {
    expect(configFromUri("valkeys://cache.example.com:6380").useTLS).toBe(true);
    expect(configFromUri("REDISS://cache.example.com").useTLS).toBe(true);
    expect(configFromUri("valkey://cache.example.com").useTLS).toBeUndefined();
  });

  it("percent-decodes user and password, and accepts a password alone", () => {
    expect(configFromUri("valkey://app%40corp:p%3Ass%2Fw0rd@h:1/3").credentials).toEqual({
      username: "app@corp",
      password: "p:ss/w0rd",
    });
    expect(configFromUri("redis://:secret@h").credentials).toEqual({ password: "secret" });
    // An unencoded "@" in the password: the last "@" ends the user info.
    expect(configFromUri("redis://u:a@b@h:7").credentials).toEqual({
      username: "u",
      password: "a@b",
    });
  });

  it("reads the database from the path", () => {
    expect(configFromUri("valkey://h/0").databaseId).toBe(0);
    expect(configFromUri("valkey://h/15").databaseId).toBe(15);
    expect(configFromUri("valkey://h/").databaseId).toBeUndefined();
  });

  it("reads bracketed IPv6 addresses and comma-separated hosts", () => {
    expect(configFromUri("valkey://[::1]:7001,[fe80::1%25eth0],node-3:7003").addresses).toEqual([
      { host: "::1", port: 7001 },
      { host: "fe80::1%eth0", port: 6379 },
      { host: "node-3", port: 7003 },
    ]);
  });

  it("reads the query options", () => {
    const config = configFromUri(
      "valkeys://h?protocol=resp2&clientName=my%20api&requestTimeout=500&connectionTimeout=900" +
        "&readFrom=preferReplica&clientAz=us-east-1a&lazyConnect=true&insecure=true&libName=x" +
        "&inflightRequestsLimit=64",
    );
    expect(config).toEqual({
      addresses: [{ host: "h", port: 6379 }],
      useTLS: true,
      protocol: ProtocolVersion.RESP2,
      clientName: "my api",
      requestTimeout: 500,
      readFrom: "preferReplica",
      clientAz: "us-east-1a",
      lazyConnect: true,
      libName: "x",
      inflightRequestsLimit: 64,
      advancedConfiguration: {
        connectionTimeout: 900,
        tlsAdvancedConfiguration: { insecure: true },
      },
    });
    expect(configFromUri("valkey://h?protocol=RESP3").protocol).toBe(ProtocolVersion.RESP3);
  });

  it("merges overrides on top, advancedConfiguration one level deep", () => {
    const config = configFromUri("valkey://h?requestTimeout=500&connectionTimeout=900", {
      requestTimeout: 1000,
      periodicChecks: "disabled",
      advancedConfiguration: { refreshTopologyFromInitialNodes: true },
    });
    expect(config.requestTimeout).toBe(1000);
    expect(config.periodicChecks).toBe("disabled");
    expect(config.advancedConfiguration).toEqual({
      connectionTimeout: 900,
      refreshTopologyFromInitialNodes: true,
    });
  });

  it("produces configurations both clients' validators accept", () => {
    const uri = "rediss://u:p@h1:7000,h2:7001/2?protocol=resp2&requestTimeout=300&insecure=1";
    const standalone = resolveConfig(configFromUri(uri));
    expect(standalone.addresses.map((a) => `${a.host}:${a.port}`)).toEqual(["h1:7000", "h2:7001"]);
    expect(standalone.requestTimeoutMs).toBe(300);
    expect(standalone.databaseId).toBe(2);
    expect(standalone.resp).toBe(2);
    expect(standalone.tls?.insecure).toBe(true);
    const cluster = resolveClusterConfig(configFromUri(uri, { periodicChecks: "disabled" }));
    expect(cluster.periodicCheckMs).toBeUndefined();
  });

  it.each([
    ["http://h", /unsupported scheme "http:\/\/"/],
    ["localhost:6379", /expected valkey:\/\//],
    ["valkey://", /no host given/],
    ["valkey://h:0", /port of h must be 1-65535/],
    ["valkey://h:70000", /port of h must be 1-65535/],
    ["valkey://h:abc", /port of h must be a number/],
    ["valkey://h1,,h2", /a host is empty/],
    ["valkey://::1:6379", /must be written in brackets/],
    ["valkey://[::1:6379", /no closing bracket/],
    ["valkey://[::1]x", /unexpected "x"/],
    ["valkey://[nothex]:1", /is not an IPv6 address/],
    ["valkey://h/db1", /database must be a non-negative integer/],
    ["valkey://h/-1", /database must be a non-negative integer/],
    ["valkey://user@h", /a username needs a password/],
    ["valkey://user:@h", /the password is empty/],
    ["valkey://u:%zz@h", /the password has a malformed percent-encoding/],
    ["valkey://h?protocol=resp4", /protocol must be resp2 or resp3/],
    ["valkey://h?readFrom=nearest", /readFrom must be one of/],
    ["valkey://h?requestTimeout=-5", /requestTimeout must be an integer >= 0/],
    ["valkey://h?inflightRequestsLimit=0", /inflightRequestsLimit must be an integer >= 1/],
    ["valkey://h?lazyConnect=yes", /lazyConnect must be true or false/],
    ["valkey://h?insecure=true", /insecure applies to TLS URIs only/],
    ["valkey://h?timeout=5", /unknown option "timeout"/],
    ["valkeys://h?ssl_certfile=/c.crt", /ssl_certfile: certificates are configuration-only/],
    ["rediss://h?tls_key=/c.key", /tls_key: .*tlsAdvancedConfiguration.mutualTls/],
    ["valkey://h?clientName=a&clientName=b", /option "clientName" is given twice/],
    ["valkey://h?clientName=", /clientName is empty/],
    ["valkey://h#frag", /a fragment/],
  ])("rejects %s with a ConfigurationError", (uri, message) => {
    const error = errorOf(() => configFromUri(uri));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
  });

  it("reads Unix-socket URIs: the path is the socket, db the database", () => {
    expect(configFromUri("unix:///run/valkey.sock")).toEqual({
      addresses: [{ path: "/run/valkey.sock" }],
    });
    expect(
      configFromUri("valkey+unix://app:p%40ss@/var/run/my%20valkey.sock?db=2&protocol=resp2"),
    ).toEqual({
      addresses: [{ path: "/var/run/my valkey.sock" }],
      credentials: { username: "app", password: "p@ss" },
      databaseId: 2,
      protocol: ProtocolVersion.RESP2,
    });
    expect(configFromUri("REDIS+UNIX://:secret@/tmp/r.sock").credentials).toEqual({
      password: "secret",
    });
    const resolved = resolveConfig(configFromUri("unix:///tmp/v.sock?db=3"));
    expect(resolved.addresses).toEqual([{ host: "/tmp/v.sock", port: 0, path: "/tmp/v.sock" }]);
    expect(resolved.databaseId).toBe(3);
  });

  it("rejects Unix-socket URIs without an absolute path, db on TCP URIs, and a cluster on a socket", () => {
    for (const [uri, problem] of [
      ["unix://", /absolute socket path/],
      ["unix://relative.sock", /absolute socket path/],
      ["unix:///", /absolute socket path/],
      ["unix:///tmp/v.sock?insecure=true", /insecure applies to TLS URIs only/],
      ["valkey://h:1?db=2", /db applies to Unix-socket URIs/],
      ["unix:///tmp/v.sock?db=x", /db must be an integer/],
    ] as const) {
      const error = errorOf(() => configFromUri(uri));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(problem);
    }
    const cluster = errorOf(() =>
      resolveClusterConfig(configFromUri("unix:///tmp/v.sock") as never),
    );
    expect(cluster).toBeInstanceOf(ConfigurationError);
    expect(cluster.message).toMatch(/addresses .*Unix socket/);
  });

  it("never repeats the password in an error", () => {
    const error = errorOf(() => configFromUri("valkey://admin:hunter2@h:bad"));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("admin:***@");
  });

  it("rejects a non-string URI and non-object overrides", () => {
    expect(() => configFromUri(42 as unknown as string)).toThrow(ConfigurationError);
    expect(() => configFromUri("valkey://h", [] as unknown as { requestTimeout: number })).toThrow(
      /overrides must be an object/,
    );
  });
});

describe("configFromUri with Sentinel URIs", () => {
  it("reads the sentinels (port 26379 by default), the primary name and the database", () => {
    const config = configFromUri(
      "valkey+sentinel://app:s3cret@s1,s2:26380/mymaster/2?clientName=x",
    );
    expect(config).toEqual({
      sentinel: {
        primaryName: "mymaster",
        sentinels: [
          { host: "s1", port: 26379 },
          { host: "s2", port: 26380 },
        ],
      },
      credentials: { username: "app", password: "s3cret" },
      databaseId: 2,
      clientName: "x",
    });
    expect(configFromUri("rediss+sentinel://[::1]/m").useTLS).toBe(true);
    expect(configFromUri("redis+sentinel://h/m")).not.toHaveProperty("addresses");
  });

  it("feeds GlideClient's validation and takes overrides", () => {
    const config = configFromUri("redis+sentinel://h/m", {
      sentinel: { primaryName: "other", sentinels: [{ host: "h2" }] },
    });
    expect(config.sentinel.primaryName).toBe("other");
    expect(
      resolveStandaloneConfig(configFromUri("valkey+sentinel://h/m")).sentinel?.primaryName,
    ).toBe("m");
  });

  it.each([
    ["valkey+sentinel://h", /must name the primary/],
    ["valkey+sentinel://h/", /must name the primary/],
    ["valkey+sentinel://h/m/1/x", /\/primaryName or \/primaryName\/database/],
    ["valkey+sentinel://h/m/x", /database must be a non-negative integer/],
    ["valkey+sentinel:///m", /no sentinel host given/],
    ["valkey+sentinel://:pw@h:0/m", /port of h must be 1-65535/],
  ])("rejects %s", (uri, message) => {
    expect(errorOf(() => configFromUri(uri))).toBeInstanceOf(ConfigurationError);
    expect(errorOf(() => configFromUri(uri)).message).toMatch(message);
  });
});
