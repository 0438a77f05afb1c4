import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { ProtocolVersion } from "../config/types.js";
import { resolveConfig } from "../config/validate.js";
import {
  ClientSideCache,
  type ClientSideCacheConfig,
  EvictionPolicy,
} from "./client-side-cache.js";

describe("ClientSideCache", () => {
  it("keeps GLIDE's fields and defaults, with a distinct cacheId per instance", () => {
    const cache = ClientSideCache.create(1024, 0);
    expect(cache).toMatchObject({
      maxCacheKb: 1024,
      entryTtlMs: 0,
      enableMetrics: false,
      serverAssisted: false,
    });
    expect(cache.evictionPolicy).toBeUndefined();
    const other = new ClientSideCache({
      maxCacheKb: 2,
      entryTtlMs: 5,
      evictionPolicy: EvictionPolicy.LFU,
      enableMetrics: true,
      serverAssisted: true,
    });
    expect(other).toMatchObject({ evictionPolicy: EvictionPolicy.LFU, serverAssisted: true });
    expect(other.cacheId).not.toBe(cache.cacheId);
  });

  it.each([
    ["maxCacheKb", { maxCacheKb: 0, entryTtlMs: 0 }],
    ["maxCacheKb", { maxCacheKb: Number.NaN, entryTtlMs: 0 }],
    ["maxCacheKb", { maxCacheKb: "1", entryTtlMs: 0 }],
    ["entryTtlMs", { maxCacheKb: 1, entryTtlMs: -1 }],
    ["entryTtlMs", { maxCacheKb: 1, entryTtlMs: Number.POSITIVE_INFINITY }],
    ["evictionPolicy", { maxCacheKb: 1, entryTtlMs: 0, evictionPolicy: 7 }],
    ["enableMetrics", { maxCacheKb: 1, entryTtlMs: 0, enableMetrics: "yes" }],
    ["serverAssisted", { maxCacheKb: 1, entryTtlMs: 0, serverAssisted: 1 }],
  ])("rejects a bad %s with a ConfigurationError naming it", (field, config) => {
    expect(() => new ClientSideCache(config as unknown as ClientSideCacheConfig)).toThrow(
      ConfigurationError,
    );
    expect(() => new ClientSideCache(config as unknown as ClientSideCacheConfig)).toThrow(
      `clientSideCache.${field}`,
    );
  });

  it("is refused by a client configuration that is not a ClientSideCache or asks RESP2 tracking", () => {
    const addresses = [{ host: "127.0.0.1", port: 7000 }];
    expect(() =>
      resolveConfig({
        addresses,
        clientSideCache: { maxCacheKb: 1 } as unknown as ClientSideCache,
      }),
    ).toThrow(/clientSideCache must be a ClientSideCache/);
    const assisted = ClientSideCache.create(1, 0, { serverAssisted: true });
    expect(() =>
      resolveConfig({ addresses, clientSideCache: assisted, protocol: ProtocolVersion.RESP2 }),
    ).toThrow(/clientSideCache\.serverAssisted needs protocol RESP3/);
    expect(resolveConfig({ addresses, clientSideCache: assisted }).clientSideCache).toBe(assisted);
  });
});
