// zstd. Where Node has zstd in node:zlib (22.15+), both ways go through it: native
// code, about 1.5 times faster than WebAssembly compressing and 4 times
// decompressing, with the same bytes out (the same zstd 1.5 at the same level).
// Elsewhere (Node 20), compression runs the reference C library compiled to
// WebAssembly (@bokuweb/zstd-wasm), one context reused; decompression the same
// library for a frame that declares its size (Petrel's own), and fzstd (pure
// JavaScript, streaming) for the others (GLIDE's), whose block-by-block output
// lets the size limit stop a value before it is allocated. Measured choices: README.
import { OutputLimitError } from "../errors.js";
import { BACKEND_ID } from "../header.js";
import type { Codec } from "./codec.js";
import { zstdContentSize, zstdFramesComplete } from "./zstd-frame.js";
import { type ZlibZstd, type ZstdContexts, zstdContexts } from "./zstd-native.js";

type Decompress = Codec["decompress"];

/** The part of node:zlib that has zstd (Node 22.15+); absent on older Node. */
interface ZlibWithZstd {
  ZstdCompress?: ZlibZstd["ZstdCompress"];
  ZstdDecompress?: ZlibZstd["ZstdDecompress"];
  zstdCompressSync?: (
    data: Uint8Array,
    options: { params: Record<number, number>; chunkSize: number },
  ) => Buffer;
  zstdDecompressSync?: (
    data: Uint8Array,
    options: { maxOutputLength: number; chunkSize: number },
  ) => Buffer;
  constants: Partial<ZlibZstd["constants"]>;
}

/** The implementation's name when node:zlib's contexts are kept between values. */
export const NODE_ZLIB_CONTEXTS = "node:zlib, contexts kept";

/** Largest zstd block: output arrives in pieces of at most this. */
const BLOCK_BYTES = 128 * 1024;

/** The first frame's declared content size, if any; throws when it passes the limit. */
function checkDeclaredSize(payload: Uint8Array, maxBytes: number): number | undefined {
  const declared = zstdContentSize(payload);
  if (declared !== undefined && declared > maxBytes) throw new OutputLimitError(declared);
  return declared;
}

/**
 * Contexts kept between values (zstd-native.ts) when this Node's zlib has the streams
 * and they give the one-shot call's bytes for a sample; undefined otherwise.
 */
function checkedContexts(
  zlib: ZlibWithZstd,
  oneShot: (data: Uint8Array, level: number) => Uint8Array,
): ZstdContexts | undefined {
  const { ZstdCompress, ZstdDecompress } = zlib;
  const { ZSTD_e_end, ZSTD_c_compressionLevel } = zlib.constants;
  if (
    ZstdCompress === undefined ||
    ZstdDecompress === undefined ||
    ZSTD_e_end === undefined ||
    ZSTD_c_compressionLevel === undefined
  )
    return undefined;
  try {
    const contexts = zstdContexts({
      ZstdCompress,
      ZstdDecompress,
      constants: { ZSTD_e_end, ZSTD_c_compressionLevel },
    });
    const sample = Buffer.from("petrel zstd context check ".repeat(40));
    const frame = contexts.compress(sample, 3);
    if (frame === undefined || !Buffer.from(oneShot(sample, 3)).equals(frame)) return undefined;
    const back = contexts.decompress(frame, sample.length);
    return back !== undefined && sample.equals(back) ? contexts : undefined;
  } catch {
    return undefined;
  }
}

/** Both directions through node:zlib, or undefined when this Node has no zstd. */
async function builtinZstd(): Promise<
  Pick<Codec, "compress" | "decompress" | "decompressText" | "implementation"> | undefined
> {
  const zlib = (await import("node:zlib")) as unknown as ZlibWithZstd;
  const { zstdCompressSync, zstdDecompressSync } = zlib;
  const levelParam = zlib.constants.ZSTD_c_compressionLevel;
  if (
    zstdCompressSync === undefined ||
    zstdDecompressSync === undefined ||
    levelParam === undefined
  )
    return undefined;
  // One-shot calls: the frame declares its content size, like the WebAssembly one.
  const oneShot = (data: Uint8Array, level: number) =>
    zstdCompressSync(data, {
      params: { [levelParam]: level },
      // Output in one piece for the usual ratio (the result is copied behind the header).
      chunkSize: Math.max(64, Math.min(data.length, BLOCK_BYTES)),
    });
  // Contexts kept between values where Node's binding allows it (zstd-native.ts).
  const contexts = checkedContexts(zlib, oneShot);
  const compress =
    contexts === undefined
      ? oneShot
      : (data: Uint8Array, level: number) => contexts.compress(data, level) ?? oneShot(data, level);
  /** The declared size of a whole frame (else throws), or undefined when it has none. */
  const checkFrame = (payload: Uint8Array, maxBytes: number) => {
    const declared = checkDeclaredSize(payload, maxBytes);
    // Node returns an empty result for a truncated frame instead of failing.
    if (!zstdFramesComplete(payload)) throw new Error("truncated or malformed zstd frame");
    return declared;
  };
  const decompressText = (payload: Uint8Array, maxBytes: number) => {
    const declared = checkFrame(payload, maxBytes);
    if (declared === undefined) return undefined;
    const text = contexts?.decompressText(payload, declared);
    return text === undefined ? undefined : { text, bytes: declared };
  };
  const decompress: Decompress = (payload, maxBytes) => {
    const declared = checkFrame(payload, maxBytes);
    if (declared !== undefined) {
      const out = contexts?.decompress(payload, declared);
      if (out !== undefined) return out;
    }
    try {
      return zstdDecompressSync(payload, {
        maxOutputLength: maxBytes,
        // A declared size up to a block is allocated exactly, once; never more than a block
        // up front, so a false claim costs nothing (more frames just take more chunks).
        chunkSize: Math.max(64, Math.min(maxBytes, declared ?? BLOCK_BYTES, BLOCK_BYTES)),
      });
    } catch (error) {
      // Node stops at maxOutputLength without telling how far the value goes.
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw new OutputLimitError(maxBytes + 1);
      throw error;
    }
  };
  if (contexts === undefined) return { compress, decompress, implementation: "node:zlib" };
  return { compress, decompress, decompressText, implementation: NODE_ZLIB_CONTEXTS };
}

/**
 * Frames declaring at most this many bytes are decoded in WebAssembly in one call (its
 * heap grows to the declared size, so a larger claim takes the streaming path).
 */
const WASM_DECODE_BYTES = 4 * 1024 * 1024;

/**
 * Decompression in WebAssembly for a frame that declares its size, in pure JavaScript
 * block by block otherwise (and whenever the one-call decoder refuses the payload, so that
 * a corrupt value gets the streaming decoder's answer).
 */
async function portableDecompress(
  wasmDecompress: (payload: Uint8Array) => Uint8Array,
): Promise<Decompress> {
  const fzstd = await import("fzstd");
  return (payload, maxBytes) => {
    const declared = zstdContentSize(payload);
    if (declared !== undefined && declared > maxBytes) throw new OutputLimitError(declared);
    if (declared !== undefined && declared <= WASM_DECODE_BYTES) {
      try {
        const out = wasmDecompress(payload);
        if (out.length === declared) return out;
      } catch {
        // Decoded again below, for the streaming decoder's error.
      }
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    // fzstd hands out one block (at most 128 KiB) at a time: the limit is checked
    // before anything past it is kept.
    const stream = new fzstd.Decompress((chunk) => {
      total += chunk.length;
      if (total > maxBytes) throw new OutputLimitError(total);
      chunks.push(chunk);
    });
    stream.push(payload, true);
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    return Buffer.concat(chunks, total);
  };
}

let wasmReady: Promise<void> | undefined;

/**
 * The zstd codec: node:zlib where this Node has zstd, WebAssembly and fzstd otherwise
 * (and always with `builtin: false`, for tests and measurements).
 */
export async function zstdCodec(options: { builtin: boolean }): Promise<Codec> {
  const builtin = options.builtin ? await builtinZstd() : undefined;
  if (builtin !== undefined) return { name: "zstd", id: BACKEND_ID.zstd, ...builtin };
  // A CommonJS module: its exports are the namespace's default.
  const wasm = (await import("@bokuweb/zstd-wasm")).default;
  // Once per process: a second init() replaces the module's memory under earlier contexts.
  wasmReady ??= wasm.init();
  await wasmReady;
  const decompress = await portableDecompress((payload) => wasm.decompress(payload));
  // One compression context for the process (JavaScript runs one call at a time):
  // reusing it saves about a tenth of each call. An empty dictionary means none.
  const context = wasm.createCCtx();
  const noDictionary = new Uint8Array(0);
  return {
    name: "zstd",
    id: BACKEND_ID.zstd,
    implementation: "@bokuweb/zstd-wasm + fzstd",
    compress: (data, level) => wasm.compressUsingDict(context, data, noDictionary, level),
    decompress,
  };
}

/** Whether this Node has zstd in node:zlib (22.15+). */
export async function hasBuiltinZstd(): Promise<boolean> {
  return (await builtinZstd()) !== undefined;
}
