import { ConfigurationError } from "@petrel/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PoolConfig, resolvePoolConfig } from "./pool-config.js";

const clientConfiguration = { addresses: [{ host: "127.0.0.1", port: 1 }] };

describe("resolvePoolConfig", () => {
  it("applies the defaults", () => {
    expect(resolvePoolConfig({ clientConfiguration })).toEqual({
      clientConfiguration,
      clusterMode: false,
      maxSize: 8,
      maxWaiters: 1000,
      acquireTimeoutMs: 5000,
      abandonTimeoutMs: 60_000,
    });
  });

  it("requires a client configuration", () => {
    expect(() => resolvePoolConfig({} as PoolConfig)).toThrow(ConfigurationError);
  });

  it("keeps clusterMode (GLIDE main's flag) and refuses a non-boolean one", () => {
    expect(resolvePoolConfig({ clientConfiguration, clusterMode: true }).clusterMode).toBe(true);
    const bad = { clientConfiguration, clusterMode: "yes" } as unknown as PoolConfig;
    expect(() => resolvePoolConfig(bad)).toThrow(/PoolConfig.clusterMode must be a boolean/);
  });

  it("keeps every valid count and refuses the rest with the field's name", () => {
    const fields = [
      ["maxSize", 1],
      ["maxWaiters", 0],
      ["acquireTimeoutMs", 1],
      ["abandonTimeoutMs", 0],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...fields),
        fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.constant(Number.NaN)),
        ([field, min], value) => {
          const config = { clientConfiguration, [field]: value };
          if (Number.isSafeInteger(value) && value >= min)
            expect(resolvePoolConfig(config)[field]).toBe(value);
          else expect(() => resolvePoolConfig(config)).toThrow(new RegExp(`PoolConfig.${field}`));
        },
      ),
    );
  });
});
