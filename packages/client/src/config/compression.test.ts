import { ConfigurationError } from "@petrel/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  CompressionBackend,
  type CompressionFactory,
  getCompressionFactory,
  registerCompressionFactory,
} from "../compression/hook.js";
import { COMPRESSION_DEFAULTS, resolveCompression } from "./compression.js";
import { resolveConfig } from "./validate.js";

const registry = globalThis as Record<symbol, unknown>;
const key = Symbol.for("petrel.compression.factory");
const factory: CompressionFactory = () => ({
  loading: undefined,
  prepare: (command) => command,
  prepareBatch: (commands, decoder) => ({ commands, decoder }),
});

afterEach(() => {
  delete registry[key];
});

describe("compression configuration", () => {
  it("without @petrel/compression registered, says what to install and import", () => {
    expect(getCompressionFactory()).toBeUndefined();
    const attempt = () =>
      resolveConfig({ addresses: [{ host: "h" }], compression: { enabled: true } });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(
      /install "@petrel\/compression" and import "@petrel\/compression\/register"/,
    );
  });

  it("a disabled compression needs no plugin, and configures nothing", () => {
    const config = resolveConfig({ addresses: [{ host: "h" }], compression: { enabled: false } });
    expect(config.compression).toBeUndefined();
  });

  it("applies GLIDE's defaults per backend", () => {
    registerCompressionFactory(factory);
    expect(resolveCompression({ enabled: true })?.settings).toEqual({
      backend: "zstd",
      compressionLevel: 3,
      minCompressionSize: 64,
      maxDecompressedSize: 512 * 1024 * 1024,
    });
    expect(
      resolveCompression({ enabled: true, backend: CompressionBackend.LZ4 })?.settings
        .compressionLevel,
    ).toBe(0);
    expect(resolveCompression({ enabled: true })?.factory).toBe(factory);
  });

  it("rejects what GLIDE rejects, with GLIDE's messages", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ enabled: true, minCompressionSize: 5 }, "minCompressionSize must be at least 6 bytes"],
      [{ enabled: false, minCompressionSize: 1 }, "minCompressionSize must be at least 6 bytes"],
      [{ enabled: true, compressionLevel: 1.5 }, "compressionLevel must be an integer"],
      [{ enabled: true, maxDecompressedSize: 0 }, "maxDecompressedSize must be positive"],
      [
        { enabled: true, compressionLevel: 23 },
        "Invalid compression configuration for 'zstd': compression level 23 is out of valid range -131072..=22",
      ],
      [
        { enabled: true, backend: CompressionBackend.LZ4, compressionLevel: 13 },
        "Invalid compression configuration for 'lz4': compression level 13 is out of valid range -128..=12",
      ],
      [{ enabled: "yes" }, "compression.enabled must be a boolean"],
      [{ enabled: true, backend: 7 }, "compression.backend must be"],
      [{ enabled: true, level: 3 }, "compression.level is not a supported option"],
    ];
    registerCompressionFactory(factory);
    for (const [value, message] of cases) {
      expect(() => resolveCompression(value), message).toThrow(ConfigurationError);
      expect(() => resolveCompression(value), message).toThrow(message);
    }
    expect(
      resolveCompression({ enabled: true, compressionLevel: COMPRESSION_DEFAULTS.levels.zstd.min }),
    ).toBeDefined();
  });
});
