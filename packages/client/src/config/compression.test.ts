import { ConfigurationError } from "@petrel/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  type CompressionPlugin,
  getCompressionPlugin,
  type ResolvedCompressionSettings,
  registerCompressionPlugin,
} from "../compression/hook.js";
import { resolveConfig } from "./validate.js";

const registry = globalThis as Record<symbol, unknown>;
const key = Symbol.for("petrel.compression.plugin");
const address = [{ host: "h" }];

function fakePlugin(seen: unknown[]): CompressionPlugin {
  return {
    validate(config): ResolvedCompressionSettings {
      seen.push(config);
      return {
        enabled: config.enabled,
        backend: "zstd",
        compressionLevel: 3,
        minCompressionSize: 64,
        maxDecompressedSize: 1,
      };
    },
    create: () => ({
      loading: undefined,
      prepare: (command) => command,
      prepareBatch: (commands, decoder) => ({ commands, decoder }),
    }),
  };
}

afterEach(() => {
  registry[key] = undefined;
});

describe("compression configuration", () => {
  it("without @petrel/compression registered, says what to install and import", () => {
    expect(getCompressionPlugin()).toBeUndefined();
    const attempt = () => resolveConfig({ addresses: address, compression: { enabled: true } });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      /install "@petrel\/compression" and import "@petrel\/compression\/register"/,
    );
  });

  it("a disabled compression needs no plugin, and configures nothing", () => {
    const config = resolveConfig({ addresses: address, compression: { enabled: false } });
    expect(config.compression).toBeUndefined();
  });

  it("rejects a compression without a boolean `enabled`", () => {
    const attempt = () => resolveConfig({ addresses: address, compression: {} as never });
    expect(attempt).toThrow(/compression must be an object with a boolean `enabled`/);
  });

  it("hands the settings to the registered plugin, which validates them", () => {
    const seen: unknown[] = [];
    const plugin = fakePlugin(seen);
    registerCompressionPlugin(plugin);
    const config = resolveConfig({ addresses: address, compression: { enabled: true } });
    expect(seen).toEqual([{ enabled: true }]);
    expect(config.compression?.plugin).toBe(plugin);
    expect(
      resolveConfig({ addresses: address, compression: { enabled: false } }).compression,
    ).toBeUndefined();
    expect(seen).toHaveLength(2);
  });
});
