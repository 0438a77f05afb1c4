import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import type { GlideClientConfiguration } from "../config/types.js";
import { resolveStandaloneConfig } from "../standalone/config.js";

const sentinel = { primaryName: "petrel", sentinels: [{ host: "10.0.0.1" }] };

function resolve(config: Record<string, unknown>) {
  return resolveStandaloneConfig(config as GlideClientConfiguration);
}

describe("the sentinel option", () => {
  it("resolves the sentinels (port 26379 by default) and leaves addresses empty", () => {
    const resolved = resolve({ sentinel, databaseId: 3, useTLS: true });
    expect(resolved.base.addresses).toEqual([]);
    expect(resolved.base.databaseId).toBe(3);
    expect(resolved.sentinel?.sentinels).toEqual([{ host: "10.0.0.1", port: 26379 }]);
    expect(resolved.sentinel?.primaryName).toBe("petrel");
    // The sentinels follow useTLS unless told otherwise, and never SELECT a database.
    expect(resolved.sentinel?.config.tls).toBeDefined();
    expect(resolved.sentinel?.config.databaseId).toBe(0);
    const plain = resolve({ sentinel: { ...sentinel, useTLS: false }, useTLS: true });
    expect(plain.sentinel?.config.tls).toBeUndefined();
  });

  it("keeps the sentinels' credentials apart from the data nodes'", () => {
    const resolved = resolve({
      sentinel: { ...sentinel, credentials: { password: "s3" } },
      credentials: { username: "app", password: "p" },
    });
    expect(resolved.sentinel?.credentials).toEqual({ password: "s3" });
    expect(resolved.base.credentials).toEqual({ kind: "static", username: "app", password: "p" });
  });

  it.each([
    [{ sentinel, addresses: [{ host: "a" }] }, /addresses cannot be combined with sentinel/],
    [{ sentinel, readOnly: true }, /readOnly cannot be combined with sentinel/],
    [{ sentinel, nodeDiscoveryMode: 1 }, /nodeDiscoveryMode cannot be Static/],
    [{ sentinel: { sentinels: sentinel.sentinels } }, /sentinel.primaryName must be/],
    [{ sentinel: { primaryName: "a b", sentinels: sentinel.sentinels } }, /primaryName/],
    [{ sentinel: { primaryName: "p", sentinels: [] } }, /sentinel.sentinels must be a non-empty/],
    [{ sentinel: { ...sentinel, sentinels: [{ host: "h", port: 0 }] } }, /sentinels\[0\].port/],
    [{ sentinel: { ...sentinel, credentials: { username: "u" } } }, /credentials.password/],
    [{ sentinel: { ...sentinel, useTLS: "yes" } }, /sentinel.useTLS must be a boolean/],
    [{ sentinel: { ...sentinel, masterName: "x" } }, /sentinel.masterName is not a supported/],
    [{ sentinel: "petrel" }, /sentinel must be an object/],
    [{ sentinel, requestTimeout: -1 }, /requestTimeout/],
  ])("rejects %j with a ConfigurationError", (config, message) => {
    expect(() => resolve(config)).toThrow(ConfigurationError);
    expect(() => resolve(config)).toThrow(message);
  });
});
