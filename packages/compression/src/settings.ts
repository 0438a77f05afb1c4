// GLIDE's compression settings: defaults, checks and messages (its Node wrapper's
// CompressionConfiguration.ts and its Rust core's level ranges). The client calls
// this through the plugin, so a program without compression carries none of it.
import {
  CompressionBackend,
  type CompressionConfiguration,
  ConfigurationError,
  type ResolvedCompressionSettings,
} from "@petrel/client";

/** GLIDE's defaults and limits. */
export const COMPRESSION_DEFAULTS = {
  minCompressionSize: 64,
  /** The header (5 bytes) plus one. */
  smallestMinCompressionSize: 6,
  maxDecompressedSize: 512 * 1024 * 1024,
  levels: {
    zstd: { default: 3, min: -131072, max: 22 },
    lz4: { default: 0, min: -128, max: 12 },
  },
} as const;

const OPTIONS = new Set([
  "enabled",
  "backend",
  "compressionLevel",
  "minCompressionSize",
  "maxDecompressedSize",
]);

function fail(message: string): never {
  throw new ConfigurationError(message);
}

/** Validates GLIDE's `compression` option and applies its defaults. Throws ConfigurationError. */
export function resolveSettings(config: CompressionConfiguration): ResolvedCompressionSettings {
  if (typeof config !== "object" || config === null || Array.isArray(config))
    fail("Invalid configuration: compression must be an object");
  const bag = config as unknown as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (bag[key] !== undefined && !OPTIONS.has(key))
      fail(`Invalid configuration: compression.${key} is not a supported option`);
  }
  if (typeof bag.enabled !== "boolean")
    fail("Invalid configuration: compression.enabled must be a boolean");
  const backendValue = bag.backend ?? CompressionBackend.ZSTD;
  // GLIDE falls back to zstd for an unknown number; nothing is coerced silently here.
  if (backendValue !== CompressionBackend.ZSTD && backendValue !== CompressionBackend.LZ4)
    fail(
      `Invalid configuration: compression.backend must be CompressionBackend.ZSTD (0) or CompressionBackend.LZ4 (1), got ${String(backendValue)}`,
    );
  const backend = backendValue === CompressionBackend.LZ4 ? "lz4" : "zstd";
  const min = bag.minCompressionSize ?? COMPRESSION_DEFAULTS.minCompressionSize;
  if (typeof min !== "number" || !Number.isSafeInteger(min))
    fail("minCompressionSize must be an integer");
  if (min < COMPRESSION_DEFAULTS.smallestMinCompressionSize)
    fail(
      `minCompressionSize must be at least ${COMPRESSION_DEFAULTS.smallestMinCompressionSize} bytes`,
    );
  const levels = COMPRESSION_DEFAULTS.levels[backend];
  const level = bag.compressionLevel ?? levels.default;
  if (typeof level !== "number" || !Number.isInteger(level))
    fail("compressionLevel must be an integer");
  if (level < levels.min || level > levels.max)
    fail(
      `Invalid compression configuration for '${backend}': compression level ${level} is out of valid range ${levels.min}..=${levels.max}`,
    );
  const max = bag.maxDecompressedSize ?? COMPRESSION_DEFAULTS.maxDecompressedSize;
  if (typeof max !== "number" || !(max > 0)) fail("maxDecompressedSize must be positive");
  if (!Number.isSafeInteger(max)) fail("maxDecompressedSize must be an integer");
  return {
    enabled: bag.enabled,
    backend,
    compressionLevel: level,
    minCompressionSize: min,
    maxDecompressedSize: max,
  };
}
