// Loads both backends once per process, on first use: a client reads values
// written with either backend, whichever it writes with. The worker pool for
// large values is made with them (its threads start on the first large value).
import type { Codec } from "./codec.js";
import { wasmLz4 } from "./lz4.js";
import type { CompressionPool } from "./worker-pool.js";
import { NODE_ZLIB_CONTEXTS, zstdCodec } from "./zstd.js";

export interface Codecs {
  readonly zstd: Codec;
  readonly lz4: Codec;
  /** Worker threads that compress large values; absent where workers are unavailable. */
  readonly pool?: CompressionPool;
}

/** What to load; the defaults are what clients use. */
export interface LoadOptions {
  /** Use node:zlib's zstd where this Node has it (default true). */
  readonly builtin?: boolean;
  /** Make a worker pool for large values (default true). */
  readonly workers?: boolean;
}

let loading: Promise<Codecs> | undefined;
let loaded: Codecs | undefined;

/** The codecs when already loaded in this process, so that later clients start at once. */
export function loadedCodecs(): Codecs | undefined {
  return loaded;
}

/** The process's codecs; options other than the defaults load a separate set (tests). */
export function loadCodecs(options: LoadOptions = {}): Promise<Codecs> {
  const builtin = options.builtin ?? true;
  const workers = options.workers ?? true;
  if (!builtin || !workers) return load(builtin, workers);
  loading ??= load(true, true).then((codecs) => {
    loaded = codecs;
    return codecs;
  });
  return loading;
}

async function load(builtin: boolean, workers: boolean): Promise<Codecs> {
  const [zstd, lz4, poolModule] = await Promise.all([
    zstdCodec({ builtin }),
    wasmLz4(),
    workers ? import("./worker-pool.js") : undefined,
  ]);
  // The workers keep contexts too where the event loop's check found them sound.
  const contexts = zstd.implementation === NODE_ZLIB_CONTEXTS;
  const pool = poolModule?.createCompressionPool(undefined, builtin, contexts);
  return pool === undefined ? { zstd, lz4 } : { zstd, lz4, pool };
}
