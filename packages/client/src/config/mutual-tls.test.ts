import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import type { GlideClientConfiguration } from "./types.js";
import { resolveConfig } from "./validate.js";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIK\n-----END PRIVATE KEY-----";

function withMutualTls(mutualTls: unknown, useTLS = true): GlideClientConfiguration {
  return {
    addresses: [{ host: "localhost", port: 6380 }],
    useTLS,
    advancedConfiguration: { tlsAdvancedConfiguration: { mutualTls } },
  } as GlideClientConfiguration;
}

function problem(mutualTls: unknown, useTLS = true): string {
  try {
    resolveConfig(withMutualTls(mutualTls, useTLS));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("tlsAdvancedConfiguration.mutualTls", () => {
  it("keeps PEM bytes (string or Buffer) and paths, dropping GLIDE's reload cadence", () => {
    const cert = Buffer.from(CERT);
    expect(resolveConfig(withMutualTls({ kind: "bytes", cert, key: KEY })).tls?.mutualTls).toEqual({
      kind: "bytes",
      cert,
      key: KEY,
    });
    const paths = {
      kind: "path",
      certPath: "/c.pem",
      keyPath: "/k.pem",
      reloadIntervalSeconds: 60,
    };
    expect(resolveConfig(withMutualTls(paths)).tls?.mutualTls).toEqual({
      kind: "path",
      certPath: "/c.pem",
      keyPath: "/k.pem",
    });
    expect(resolveConfig(withMutualTls(undefined)).tls?.mutualTls).toBeUndefined();
  });

  it.each([
    [{ kind: "bytes", cert: "", key: KEY }, "mutualTls.cert cannot be empty"],
    [{ kind: "bytes", cert: CERT, key: Buffer.alloc(0) }, "mutualTls.key cannot be empty"],
    [
      { kind: "bytes", cert: null, key: KEY },
      "mutualTls.cert must be a Buffer or non-empty string",
    ],
    [
      { kind: "path", certPath: "", keyPath: "/k" },
      "mutualTls.certPath must be a non-empty string",
    ],
    [{ kind: "path", certPath: "/c" }, "mutualTls.keyPath must be a non-empty string"],
    [{ kind: "path", certPath: "/c", keyPath: "/k", reloadIntervalSeconds: 0 }, "positive integer"],
    [
      { kind: "path", certPath: "/c", keyPath: "/k", reloadIntervalSeconds: 1.5 },
      "positive integer",
    ],
    [
      { kind: "path", certPath: "/c", keyPath: "/k", reloadIntervalSeconds: 2 ** 32 },
      "positive integer",
    ],
    [
      { kind: "path", certPath: "/c", keyPath: "/k", reloadIntervalSeconds: "60" },
      "positive integer",
    ],
    ["pem", "mutualTls must be an object"],
  ])("rejects %o", (value, message) => {
    expect(problem(value)).toContain(message);
  });

  it("names only the discriminant of an unknown variant, never the key material", () => {
    const message = problem({ kind: "future", cert: "SECRET-CERT", key: "SECRET-KEY" });
    expect(message).toBe("Unsupported mutualTls variant: kind=future");
  });

  it("requires useTLS", () => {
    expect(problem({ kind: "bytes", cert: CERT, key: KEY }, false)).toContain("requires useTLS");
  });
});
