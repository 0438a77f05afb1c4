// One client's value rules: compress a value when it is long enough and comes out
// smaller (GLIDE's rule), expand a value that carries GLIDE's header, count both
// in GLIDE's statistics.
import type { CompressionCounters, ResolvedCompressionSettings } from "@petrel/client";
import type { CommandArg } from "@petrel/protocol";
import type { Codec } from "./codecs/codec.js";
import type { Codecs } from "./codecs/load.js";
import {
  decompressionFailed,
  OutputLimitError,
  sizeLimitExceeded,
  unsupportedBackend,
} from "./errors.js";
import { BACKEND_ID, backendIdOf, HEADER_SIZE, hasHeader, withHeader } from "./header.js";

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export class ValueCompressor {
  readonly #codec: Codec;
  readonly #codecs: Codecs;
  readonly #level: number;
  readonly #min: number;
  readonly #max: number;
  readonly #counters: CompressionCounters;

  constructor(
    settings: ResolvedCompressionSettings,
    codecs: Codecs,
    counters: CompressionCounters,
  ) {
    this.#codecs = codecs;
    this.#codec = codecs[settings.backend];
    this.#level = settings.compressionLevel;
    this.#min = settings.minCompressionSize;
    this.#max = settings.maxDecompressedSize;
    this.#counters = counters;
  }

  /** The argument to send for a value: compressed, or `value` itself. */
  compress(value: CommandArg): CommandArg {
    const length = Buffer.isBuffer(value)
      ? value.length
      : typeof value === "string"
        ? Buffer.byteLength(value)
        : String(value).length;
    if (length < this.#min) {
      this.#counters.skipped();
      return value;
    }
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    // A value already compressed by this backend is stored as it is (GLIDE's rule).
    if (hasHeader(bytes) && backendIdOf(bytes) === this.#codec.id) {
      this.#counters.skipped();
      return value;
    }
    let payload: Uint8Array;
    try {
      payload = this.#codec.compress(bytes, this.#level);
    } catch {
      this.#counters.skipped();
      return value;
    }
    const size = HEADER_SIZE + payload.length;
    if (size >= bytes.length) {
      this.#counters.skipped();
      return value;
    }
    this.#counters.compressed(bytes.length, size);
    return withHeader(this.#codec.id, payload);
  }

  /** `value` expanded when it carries GLIDE's header, else `value`. Throws RequestError. */
  decompress(value: Buffer): Buffer {
    if (!hasHeader(value)) return value;
    const id = backendIdOf(value);
    const codec =
      id === BACKEND_ID.zstd
        ? this.#codecs.zstd
        : id === BACKEND_ID.lz4
          ? this.#codecs.lz4
          : undefined;
    if (codec === undefined) throw unsupportedBackend(id);
    let out: Uint8Array;
    try {
      out = codec.decompress(value.subarray(HEADER_SIZE), this.#max);
    } catch (error) {
      if (error instanceof OutputLimitError)
        throw sizeLimitExceeded(codec.name, value.length, error.producedBytes, this.#max);
      throw decompressionFailed(
        codec.name,
        value.length,
        error instanceof Error ? error.message : String(error),
      );
    }
    this.#counters.decompressed(out.length);
    return asBuffer(out);
  }
}
