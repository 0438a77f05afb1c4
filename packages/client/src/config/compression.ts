// `compression` in the client configuration: GLIDE's checks and messages, GLIDE's
// defaults, and the plugin lookup. Without `@petrel/compression` registered, an
// enabled compression is a ConfigurationError that says what to install.
import { ConfigurationError } from "@petrel/protocol";
import {
  CompressionBackend,
  type CompressionFactory,
  getCompressionFactory,
  type ResolvedCompressionSettings,
} from "../compression/hook.js";

/** GLIDE's defaults and limits (its Node wrapper and Rust core). */
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

/** The settings and the plugin that serves them. */
export interface ResolvedCompression {
  readonly settings: ResolvedCompressionSettings;
  readonly factory: CompressionFactory;
}

function fail(message: string): never {
  throw new ConfigurationError(message);
}

/** Validates `compression`; undefined when absent or disabled. Throws ConfigurationError. */
export function resolveCompression(value: unknown): ResolvedCompression | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail("Invalid configuration: compression must be an object");
  const bag = value as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (
      bag[key] !== undefined &&
      ![
        "enabled",
        "backend",
        "compressionLevel",
        "minCompressionSize",
        "maxDecompressedSize",
      ].includes(key)
    )
      fail(`Invalid configuration: compression.${key} is not a supported option`);
  }
  if (typeof bag.enabled !== "boolean")
    fail("Invalid configuration: compression.enabled must be a boolean");
  const backendValue = bag.backend ?? CompressionBackend.ZSTD;
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
  if (!bag.enabled) return undefined;
  const factory = getCompressionFactory();
  if (factory === undefined)
    fail(
      'Invalid configuration: compression needs the compression plugin: install "@petrel/compression" and import "@petrel/compression/register" before creating the client',
    );
  return {
    settings: {
      backend,
      compressionLevel: level,
      minCompressionSize: min,
      maxDecompressedSize: max,
    },
    factory,
  };
}
