// zstd through node:zlib (Node 22.15+) with its contexts kept from one value to the
// next. Node's one-shot calls (zstdCompressSync, zstdDecompressSync) build and free
// a context per call: for a 64 KiB value that was about a fifth of compressing and a
// third of decompressing (README, figures). Node keeps a stream's context for its
// life, and the binding under a stream compresses a whole input in one synchronous
// call, so one stream per level (and one for decompression) serves every value.
//
// That binding (`_handle.writeSync`, `_writeState`) is not public API: it is found by
// shape, and the caller checks the bytes against the one-shot call's once.
//
// `zstdContexts` refers to nothing outside itself but JavaScript's and Node's globals:
// the compression worker runs its text too (worker-source.ts), so that both threads
// share one definition, minified or not.

/** What this file uses of a node:zlib zstd stream (internal, checked by shape). */
interface ZstdStream {
  readonly _handle?: {
    writeSync(
      flush: number,
      input: Uint8Array,
      inputOffset: number,
      inputLength: number,
      output: Uint8Array,
      outputOffset: number,
      outputLength: number,
    ): void;
  } | null;
  /** [output bytes left, input bytes left] after each writeSync. */
  readonly _writeState?: Uint32Array;
  readonly destroyed: boolean;
  destroy(): void;
  on(event: "error", listener: () => void): unknown;
}

/** The part of node:zlib this codec needs. */
export interface ZlibZstd {
  ZstdCompress: new (options: { params: Record<number, number> }) => ZstdStream;
  ZstdDecompress: new () => ZstdStream;
  constants: { ZSTD_e_end: number; ZSTD_c_compressionLevel: number };
}

/**
 * Reused zstd contexts. Both return undefined when the binding is missing or did not
 * finish the job in one call (the caller then uses Node's one-shot call, which also
 * reports the error); that context is dropped. A call that consumed all its input and
 * ended its frame leaves its context ready for the next value.
 */
export interface ZstdContexts {
  /** One frame for `data` (a copy of its exact size), declaring its content size. */
  compress(data: Uint8Array, level: number): Uint8Array | undefined;
  /** The `size` bytes a frame declaring `size` expands to, if it ends exactly there. */
  decompress(frame: Uint8Array, size: number): Uint8Array | undefined;
  /** The same bytes read as UTF-8, with no Buffer of their own (decoded in scratch). */
  decompressText(frame: Uint8Array, size: number): string | undefined;
}

/** Reused contexts over `zlib`'s zstd streams (see the file's comment on its text). */
export function zstdContexts(zlib: ZlibZstd): ZstdContexts {
  const end = zlib.constants.ZSTD_e_end;
  const levelParam = zlib.constants.ZSTD_c_compressionLevel;
  /** Scratch output is kept between calls up to this size; larger values get their own. */
  const keepScratchBytes = 4 * 1024 * 1024;
  const compressors = new Map<number, ZstdStream>();
  let decompressor: ZstdStream | undefined;
  let scratch = new Uint8Array(0);
  /** The binding lacks the expected shape: every call answers undefined at once. */
  let missing = false;

  const ignore = () => {};
  /** `stream` when this Node's binding has the expected shape. */
  const usable = (stream: ZstdStream): ZstdStream | undefined => {
    const handle = stream._handle;
    if (
      handle === null ||
      handle === undefined ||
      typeof handle.writeSync !== "function" ||
      !(stream._writeState instanceof Uint32Array)
    ) {
      missing = true;
      stream.destroy();
      return undefined;
    }
    // A failed call destroys the stream, which then emits its error: heard here, since
    // the call's own result already says it failed.
    stream.on("error", ignore);
    return stream;
  };
  /** The binding's [output left, input left], or undefined when the call failed. */
  const run = (stream: ZstdStream, input: Uint8Array, out: Uint8Array) => {
    const handle = stream._handle;
    if (handle === null || handle === undefined || stream.destroyed) return undefined;
    try {
      handle.writeSync(end, input, 0, input.length, out, 0, out.length);
    } catch {
      return undefined;
    }
    const state = stream._writeState;
    return stream.destroyed || state === undefined ? undefined : state;
  };

  let textScratch = Buffer.allocUnsafe(0);
  /** Whether `frame`, all of it, wrote exactly `size` bytes into the longer `out`. */
  const expand = (frame: Uint8Array, out: Buffer, size: number): boolean => {
    if (missing) return false;
    decompressor ??= usable(new zlib.ZstdDecompress());
    const stream = decompressor;
    if (stream === undefined) return false;
    const state = run(stream, frame, out);
    if (state !== undefined && state[1] === 0 && state[0] === out.length - size) return true;
    decompressor = undefined;
    stream.destroy();
    return false;
  };

  return {
    compress(data, level) {
      if (missing) return undefined;
      let stream = compressors.get(level);
      if (stream === undefined) {
        stream = usable(new zlib.ZstdCompress({ params: { [levelParam]: level } }));
        if (stream === undefined) return undefined;
        compressors.set(level, stream);
      }
      // zstd's worst case (ZSTD_COMPRESSBOUND) and a little more.
      const n = data.length;
      const bound = n + (n >>> 8) + (n < 131072 ? (131072 - n) >>> 11 : 0) + 64;
      let out = scratch;
      if (bound > out.length) {
        out = new Uint8Array(bound);
        if (bound <= keepScratchBytes) scratch = out;
      }
      // The whole input with ZSTD_e_end in one call: zstd takes its size as the frame's
      // content size, as the one-shot call does, so the bytes are the same.
      const state = run(stream, data, out);
      if (state === undefined || state[1] !== 0 || state[0] === 0) {
        compressors.delete(level);
        stream.destroy();
        return undefined;
      }
      // A copy with an ArrayBuffer of its own: the worker transfers it.
      return out.slice(0, out.length - (state[0] as number));
    },
    decompress(frame, size) {
      // One byte of slack: a frame that would write more than it declared fills it.
      const out = Buffer.allocUnsafe(size + 1);
      return expand(frame, out, size) ? out.subarray(0, size) : undefined;
    },
    decompressText(frame, size) {
      let out = textScratch;
      if (size + 1 > out.length) {
        out = Buffer.allocUnsafe(size + 1);
        if (out.length <= keepScratchBytes) textScratch = out;
      }
      return expand(frame, out, size) ? out.toString("utf8", 0, size) : undefined;
    },
  };
}
