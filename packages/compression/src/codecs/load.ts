// Loads both backends once per process, on first use: a client reads values
// written with either backend, whichever it writes with.
import type { Codec } from "./codec.js";
import { wasmLz4 } from "./lz4.js";
import { zstdCodec } from "./zstd.js";

export interface Codecs {
  readonly zstd: Codec;
  readonly lz4: Codec;
}

let loading: Promise<Codecs> | undefined;
let loaded: Codecs | undefined;

/** The codecs when already loaded in this process, so that later clients start at once. */
export function loadedCodecs(): Codecs | undefined {
  return loaded;
}

/** Both codecs; `builtin: false` skips node:zlib's zstd (tests of the portable path). */
export function loadCodecs(options: { builtin?: boolean } = {}): Promise<Codecs> {
  if (options.builtin === false) return load(false);
  loading ??= load(true).then((codecs) => {
    loaded = codecs;
    return codecs;
  });
  return loading;
}

async function load(builtin: boolean): Promise<Codecs> {
  const [zstd, lz4] = await Promise.all([zstdCodec({ builtin }), wasmLz4()]);
  return { zstd, lz4 };
}
