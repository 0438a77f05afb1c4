// One client's value rules: compress a value when it is long enough and comes out
// smaller (GLIDE's rule), expand a value that carries GLIDE's header, count both
// in GLIDE's statistics.
import type { CompressionCounters, ResolvedCompressionSettings } from "@petrel/client";
import type { CommandArg } from "@petrel/protocol";
import type { Codec } from "./codecs/codec.js";
import type { Codecs } from "./codecs/load.js";
import type { CompressionPool } from "./codecs/worker-pool.js";
import {
  decompressionFailed,
  OutputLimitError,
  sizeLimitExceeded,
  unsupportedBackend,
} from "./errors.js";
import { BACKEND_ID, backendIdOf, HEADER_SIZE, hasHeader, MAGIC, withHeader } from "./header.js";

/**
 * Values at least this long compress on a worker thread when a pool exists: below
 * it, posting the value costs more than compressing it here (README, figures).
 */
export const OFFLOAD_BYTES = 16 * 1024;

/** A non-string argument as bytes (numbers as their digits). */
function asBytes(value: CommandArg): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
}

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
  readonly #pool: CompressionPool | undefined;

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
    this.#pool = codecs.pool;
  }

  /**
   * The argument to send for a value: compressed, or `value` itself. A large value is
   * compressed on a worker thread, and the answer is then a promise (never rejected:
   * a failure sends the value as it is, as a failure here does).
   */
  compress(value: CommandArg): CommandArg | Promise<CommandArg> {
    const length = Buffer.isBuffer(value)
      ? value.length
      : typeof value === "string"
        ? Buffer.byteLength(value)
        : String(value).length;
    if (length < this.#min) {
      this.#counters.skipped();
      return value;
    }
    // A value already compressed by this backend is stored as it is (GLIDE's rule).
    if (this.#alreadyCompressed(value)) {
      this.#counters.skipped();
      return value;
    }
    if (length >= OFFLOAD_BYTES && this.#pool?.ready()) {
      // A string goes as it is (encoded on the worker); other values are copied once,
      // since the pool takes the buffer it is given.
      const job = typeof value === "string" ? value : new Uint8Array(asBytes(value));
      return (this.#pool as CompressionPool).compress(job, this.#codec.name, this.#level).then(
        (payload) => this.#result(value, length, payload),
        () => this.#result(value, length, undefined),
      );
    }
    const bytes = asBytes(value);
    let payload: Uint8Array | undefined;
    try {
      payload = this.#codec.compress(bytes, this.#level);
    } catch {
      payload = undefined;
    }
    return this.#result(value, length, payload);
  }

  /** Whether `value` starts with this backend's header (a string: its UTF-8 bytes do). */
  #alreadyCompressed(value: CommandArg): boolean {
    if (typeof value !== "string") {
      const bytes = asBytes(value);
      return hasHeader(bytes) && backendIdOf(bytes) === this.#codec.id;
    }
    // Characters below 0x80 are their own UTF-8 byte; the version byte can be any byte,
    // but a character from 0x80 up there would push the backend id out of place.
    return (
      value.length >= HEADER_SIZE &&
      value.charCodeAt(0) === MAGIC[0] &&
      value.charCodeAt(1) === MAGIC[1] &&
      value.charCodeAt(2) === MAGIC[2] &&
      value.charCodeAt(3) < 0x80 &&
      value.charCodeAt(4) === this.#codec.id
    );
  }

  /** GLIDE's rule: send the compressed form only when it is strictly smaller. */
  #result(value: CommandArg, length: number, payload: Uint8Array | undefined): CommandArg {
    if (payload === undefined || HEADER_SIZE + payload.length >= length) {
      this.#counters.skipped();
      return value;
    }
    this.#counters.compressed(length, HEADER_SIZE + payload.length);
    return withHeader(this.#codec.id, payload);
  }

  /** `value` expanded when it carries GLIDE's header, else `value`. Throws RequestError. */
  decompress(value: Buffer): Buffer {
    if (!hasHeader(value)) return value;
    const out = this.#expand(value, (codec, payload) => codec.decompress(payload, this.#max));
    this.#counters.decompressed(out.length);
    return asBuffer(out);
  }

  /**
   * `decompress(value)` read as UTF-8, without a Buffer for the expanded bytes where the
   * codec allows (a large GET read as a string then allocates only the string).
   */
  decompressText(value: Buffer): string {
    if (!hasHeader(value)) return value.toString("utf8");
    const read = this.#expand(value, (codec, payload) => {
      const direct = codec.decompressText?.(payload, this.#max);
      if (direct !== undefined) return direct;
      const out = asBuffer(codec.decompress(payload, this.#max));
      return { text: out.toString("utf8"), bytes: out.length };
    });
    this.#counters.decompressed(read.bytes);
    return read.text;
  }

  /** `expand` run on the payload of a value with the header, its failures as RequestErrors. */
  #expand<T>(value: Buffer, expand: (codec: Codec, payload: Uint8Array) => T): T {
    const id = backendIdOf(value);
    const codec =
      id === BACKEND_ID.zstd
        ? this.#codecs.zstd
        : id === BACKEND_ID.lz4
          ? this.#codecs.lz4
          : undefined;
    if (codec === undefined) throw unsupportedBackend(id);
    try {
      return expand(codec, value.subarray(HEADER_SIZE));
    } catch (error) {
      if (error instanceof OutputLimitError)
        throw sizeLimitExceeded(codec.name, value.length, error.producedBytes, this.#max);
      throw decompressionFailed(
        codec.name,
        value.length,
        error instanceof Error ? error.message : String(error),
      );
    }
  }
}
