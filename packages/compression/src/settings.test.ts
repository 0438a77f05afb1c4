import { CompressionBackend, ConfigurationError } from "@petrel/client";
import { describe, expect, it } from "vitest";
import { COMPRESSION_DEFAULTS, resolveSettings } from "./settings.js";

describe("compression settings", () => {
  it("applies GLIDE's defaults per backend", () => {
    expect(resolveSettings({ enabled: true })).toEqual({
      enabled: true,
      backend: "zstd",
      compressionLevel: 3,
      minCompressionSize: 64,
      maxDecompressedSize: 512 * 1024 * 1024,
    });
    expect(
      resolveSettings({ enabled: true, backend: CompressionBackend.LZ4 }).compressionLevel,
    ).toBe(0);
    expect(
      resolveSettings({ enabled: true, compressionLevel: COMPRESSION_DEFAULTS.levels.zstd.min })
        .compressionLevel,
    ).toBe(-131072);
  });

  it("rejects what GLIDE rejects, with GLIDE's messages, enabled or not", () => {
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
    for (const [value, message] of cases) {
      const attempt = () => resolveSettings(value as never);
      expect(attempt, message).toThrow(ConfigurationError);
      expect(attempt, message).toThrow(message);
    }
  });
});
