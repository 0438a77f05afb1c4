import { Decoder } from "@petrel/commands";
import { ConfigurationError } from "@petrel/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { registerIamProviderFactory } from "../auth/credentials-provider.js";
import { DEFAULTS } from "./defaults.js";
import type { GlideClientConfiguration } from "./types.js";
import { ProtocolVersion } from "./types.js";
import { resolveConfig } from "./validate.js";

const base: GlideClientConfiguration = { addresses: [{ host: "localhost" }] };

function rejects(config: unknown, field: string): void {
  let thrown: unknown;
  try {
    resolveConfig(config as GlideClientConfiguration);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigurationError);
  expect((thrown as Error).message).toContain(field);
}

describe("resolveConfig", () => {
  afterEach(() => {
    registerIamProviderFactory(undefined as never);
  });

  it("applies GLIDE's documented defaults", () => {
    const config = resolveConfig(base);
    expect(config.addresses).toEqual([{ host: "localhost", port: 6379 }]);
    expect(config.requestTimeoutMs).toBe(250);
    expect(config.connectionTimeoutMs).toBe(2000);
    expect(config.tcpKeepAliveInitialDelayMs).toBe(DEFAULTS.tcpKeepAliveInitialDelayMs);
    expect(
      resolveConfig({ ...base, advancedConfiguration: { tcpKeepAliveInitialDelay: 30_000 } })
        .tcpKeepAliveInitialDelayMs,
    ).toBe(30_000);
    expect(config.inflightRequestsLimit).toBe(1000);
    expect(config.backoff).toEqual({
      numberOfRetries: 5,
      factor: 100,
      exponentBase: 2,
      jitterPercent: 20,
    });
    expect(config.resp).toBe(3);
    expect(config.defaultDecoder).toBe(Decoder.String);
    expect(config.readFrom).toBe("primary");
    expect(config.databaseId).toBe(0);
    expect(config.lazyConnect).toBe(false);
    expect(config.tls).toBeUndefined();
    expect(config.credentials).toEqual({ kind: "none" });
    expect(config.libName).toBe(DEFAULTS.libName);
  });

  it("composes the library name with clientInfoTag as GLIDE does", () => {
    expect(resolveConfig({ ...base, clientInfoTag: "fw:1.2" }).libName).toBe("petrel(fw:1.2)");
    expect(resolveConfig({ ...base, libName: "mine", clientInfoTag: "" }).libName).toBe("mine");
    expect(resolveConfig({ ...base, libName: "" }).libName).toBe("petrel");
  });

  it("maps the enums and TLS options", () => {
    const config = resolveConfig({
      ...base,
      protocol: ProtocolVersion.RESP2,
      useTLS: true,
      advancedConfiguration: { tlsAdvancedConfiguration: { insecure: true } },
      credentials: { username: "u", password: "p" },
      connectionBackoff: { numberOfRetries: 3, factor: 10, exponentBase: 3 },
    });
    expect(config.resp).toBe(2);
    expect(config.tls).toEqual({ insecure: true, rootCertificates: undefined });
    expect(config.credentials).toEqual({ kind: "static", username: "u", password: "p" });
    expect(config.backoff.jitterPercent).toBe(20);
  });

  it.each([
    [{ addresses: [] }, "addresses"],
    [{ addresses: [{ host: "" }] }, "addresses[0].host"],
    [{ addresses: [{ host: "h", port: 70000 }] }, "addresses[0].port"],
    [{ ...base, requestTimeout: -1 }, "requestTimeout"],
    [{ ...base, requestTimeout: "5" }, "requestTimeout"],
    [{ ...base, databaseId: 1.5 }, "databaseId"],
    [{ ...base, protocol: 3 }, "protocol"],
    [{ ...base, defaultDecoder: 7 }, "defaultDecoder"],
    [{ ...base, readFrom: "nearest" }, "readFrom"],
    [{ ...base, readFrom: "AZAffinity" }, "clientAz"],
    [{ ...base, readFrom: "AZAffinityReplicasAndPrimary" }, "clientAz"],
    [{ ...base, inflightRequestsLimit: 0 }, "inflightRequestsLimit"],
    [{ ...base, useTLS: "yes" }, "useTLS"],
    [{ ...base, lazyConnect: 1 }, "lazyConnect"],
    [{ ...base, clientName: "has space" }, "clientName"],
    [{ ...base, libName: "bad(name)" }, "libName"],
    [{ ...base, clientInfoTag: "tab\there" }, "clientInfoTag"],
    [
      { ...base, advancedConfiguration: { tlsAdvancedConfiguration: { insecure: true } } },
      "requires useTLS",
    ],
    [
      {
        ...base,
        useTLS: true,
        advancedConfiguration: { tlsAdvancedConfiguration: { rootCertificates: 5 } },
      },
      "rootCertificates",
    ],
    [
      { ...base, advancedConfiguration: { connectionTimeout: 0 } },
      "advancedConfiguration.connectionTimeout",
    ],
    [
      { ...base, advancedConfiguration: { tcpKeepAliveInitialDelay: 500 } },
      "advancedConfiguration.tcpKeepAliveInitialDelay",
    ],
    [
      { ...base, advancedConfiguration: { tcpKeepAliveInitialDelay: 1500.5 } },
      "advancedConfiguration.tcpKeepAliveInitialDelay",
    ],
    [{ ...base, addresses: [{ path: "" }] }, "addresses[0].path"],
    [{ ...base, addresses: [{ path: "/tmp/v.sock", port: 1 }] }, "addresses[0]"],
    [{ ...base, advancedConfiguration: { nope: 1 } }, "advancedConfiguration.nope"],
    [
      { ...base, connectionBackoff: { factor: 1, exponentBase: 2 } },
      "connectionBackoff.numberOfRetries",
    ],
    [
      {
        ...base,
        connectionBackoff: { numberOfRetries: 1, factor: 1, exponentBase: 2, jitterPercent: 200 },
      },
      "jitterPercent",
    ],
    [{ ...base, credentials: { password: 5 } }, "credentials.password"],
    [{ ...base, credentials: { username: "u", password: "p", iamConfig: {} } }, "credentials"],
    [{ ...base, somethingElse: true }, "somethingElse"],
    [{ ...base, credentialsProvider: {} }, "credentialsProvider"],
    [
      {
        ...base,
        credentialsProvider: {
          getCredentials: (): undefined => undefined,
          refreshIntervalMs: 2 ** 40,
        },
      },
      "credentialsProvider.refreshIntervalMs",
    ],
  ])("rejects %j naming %s", (config, field) => {
    rejects(config, field);
  });

  it("asks for @petrel/iam when IAM is configured without the plugin", () => {
    const iam = {
      ...base,
      credentials: {
        username: "user",
        iamConfig: { clusterName: "c", region: "us-east-1", service: "Elasticache" },
      },
    };
    rejects(iam, "@petrel/iam");
    registerIamProviderFactory(() => ({
      getCredentials: async () => ({ username: "user", password: "token" }),
    }));
    const config = resolveConfig(iam as GlideClientConfiguration);
    expect(config.credentials.kind).toBe("provider");
  });
});
