// zstd. Node's own zlib zstd (22.15+) when present; otherwise the reference C
// library compiled to WebAssembly (@bokuweb/zstd-wasm) to compress, and fzstd
// (pure JavaScript, streaming) to decompress, because its block-by-block output
// lets the size limit stop a value before it is allocated. Measured choices: README.

import { OutputLimitError } from "../errors.js";
import { BACKEND_ID } from "../header.js";
import type { Codec } from "./codec.js";
import { zstdContentSize, zstdFramesComplete } from "./zstd-frame.js";

/** The part of node:zlib that has zstd (Node 22.15+); absent members on older Node. */
interface ZlibWithZstd {
  zstdCompressSync?: (data: Uint8Array, options: { params: Record<number, number> }) => Buffer;
  zstdDecompressSync?: (data: Uint8Array, options: { maxOutputLength: number }) => Buffer;
  constants: Record<string, number>;
}

function checkDeclaredSize(payload: Uint8Array, maxBytes: number): void {
  const declared = zstdContentSize(payload);
  if (declared !== undefined && declared > maxBytes) throw new OutputLimitError(declared);
}

/** zstd through node:zlib, or undefined when this Node has no zstd. */
export async function builtinZstd(): Promise<Codec | undefined> {
  const zlib = (await import("node:zlib")) as unknown as ZlibWithZstd;
  const { zstdCompressSync, zstdDecompressSync } = zlib;
  const levelParam = zlib.constants.ZSTD_c_compressionLevel;
  if (zstdCompressSync === undefined || zstdDecompressSync === undefined) return undefined;
  if (levelParam === undefined) return undefined;
  return {
    name: "zstd",
    id: BACKEND_ID.zstd,
    implementation: "node:zlib",
    compress: (data, level) => zstdCompressSync(data, { params: { [levelParam]: level } }),
    decompress(payload, maxBytes) {
      checkDeclaredSize(payload, maxBytes);
      if (!zstdFramesComplete(payload)) throw new Error("truncated or malformed zstd frame");
      try {
        return zstdDecompressSync(payload, { maxOutputLength: maxBytes });
      } catch (error) {
        // Node stops at maxOutputLength without telling how far the value goes.
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
          throw new OutputLimitError(maxBytes + 1);
        throw error;
      }
    },
  };
}

/** zstd in WebAssembly (compress) and pure JavaScript (decompress). */
export async function portableZstd(): Promise<Codec> {
  const [wasmModule, fzstd] = await Promise.all([import("@bokuweb/zstd-wasm"), import("fzstd")]);
  // A CommonJS module: its exports are the namespace's default.
  const wasm = wasmModule.default;
  await wasm.init();
  // One compression context for the process (JavaScript runs one call at a time):
  // reusing it saves about a tenth of each call. An empty dictionary means none.
  const context = wasm.createCCtx();
  const noDictionary = new Uint8Array(0);
  return {
    name: "zstd",
    id: BACKEND_ID.zstd,
    implementation: "@bokuweb/zstd-wasm + fzstd",
    compress: (data, level) => wasm.compressUsingDict(context, data, noDictionary, level),
    decompress(payload, maxBytes) {
      checkDeclaredSize(payload, maxBytes);
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
    },
  };
}
