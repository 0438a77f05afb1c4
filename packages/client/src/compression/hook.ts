// The compression hook. A plugin (`@petrel/compression`) registers itself; a
// client configured with `compression` asks it to validate the settings and, when
// enabled, for a CommandCompressor, which rewrites each command before it is sent
// (values compressed, refused commands rejected) and makes its parser decompress
// the reply. The client knows no codec, no setting's range and no command by name.
import type { Command, Decoder } from "@petrel/commands";

/** GLIDE's compression backends (the numbers are GLIDE's enum values, not the wire ids). */
export enum CompressionBackend {
  /** zstd, the default. */
  ZSTD = 0,
  /** lz4 (block format). */
  LZ4 = 1,
}

/** GLIDE's compression settings, `compression` in the client configuration. Needs `@petrel/compression`. */
export interface CompressionConfiguration {
  /** Whether values are compressed and decompressed. */
  enabled: boolean;
  /** Default `CompressionBackend.ZSTD`. */
  backend?: CompressionBackend;
  /** Backend-specific; default 3 for zstd (-131072 to 22), 0 for lz4 (-128 to 12). */
  compressionLevel?: number;
  /** Values shorter than this many bytes are stored as they are; default 64, at least 6. */
  minCompressionSize?: number;
  /** A compressed value that would expand past this many bytes is refused; default 512 MiB. */
  maxDecompressedSize?: number;
}

/** The validated settings, with the defaults applied. */
export interface ResolvedCompressionSettings {
  readonly enabled: boolean;
  readonly backend: "zstd" | "lz4";
  readonly compressionLevel: number;
  readonly minCompressionSize: number;
  readonly maxDecompressedSize: number;
}

/** Where a compressor reports GLIDE's compression counters (process-wide, like GLIDE's). */
export interface CompressionCounters {
  /** A value was stored compressed. */
  compressed(originalBytes: number, compressedBytes: number): void;
  /** A value was sent as it was (too small, already compressed, or not smaller compressed). */
  skipped(): void;
  /** A compressed reply value was expanded to `bytes`. */
  decompressed(bytes: number): void;
}

/** A batch as compression sends it: its commands, and the decoder to read it with. */
export interface PreparedBatch {
  readonly commands: readonly Command<unknown>[];
  readonly decoder: Decoder;
}

/**
 * Rewrites commands for one client. Either method may answer with a promise (a value
 * compressed on another thread); the client then sends the command when it settles, and
 * sends the client's later commands after it, in call order. Such a promise never rejects.
 */
export interface CommandCompressor {
  /** Set while the codecs load; requests wait for it. Cleared once loaded. */
  readonly loading: Promise<void> | undefined;
  /**
   * The command to send instead of `command` (`command` itself when nothing changes).
   * Throws a RequestError for a command that compression refuses.
   */
  prepare<T>(command: Command<T>, defaultDecoder: Decoder): Command<T> | Promise<Command<T>>;
  /**
   * The commands of a batch to send instead, and the decoder the batch must be read with
   * (`decoder` is the batch's own). Throws a RequestError when any command is refused.
   */
  prepareBatch(
    commands: readonly Command<unknown>[],
    decoder: Decoder,
  ): PreparedBatch | Promise<PreparedBatch>;
}

/** What `@petrel/compression` registers. */
export interface CompressionPlugin {
  /** GLIDE's checks and defaults; throws ConfigurationError. */
  validate(config: CompressionConfiguration): ResolvedCompressionSettings;
  /** A compressor for one client with enabled settings. */
  create(settings: ResolvedCompressionSettings, counters: CompressionCounters): CommandCompressor;
}

// Stored under a global symbol so that a plugin and a client resolved from
// different copies of this package still find each other.
const registryKey = Symbol.for("petrel.compression.plugin");
type Registry = { [registryKey]?: CompressionPlugin };

/** Called by `@petrel/compression` when it is imported for registration. */
export function registerCompressionPlugin(plugin: CompressionPlugin): void {
  (globalThis as Registry)[registryKey] = plugin;
}

/** The registered plugin, or undefined when `@petrel/compression` was not registered. */
export function getCompressionPlugin(): CompressionPlugin | undefined {
  return (globalThis as Registry)[registryKey];
}
