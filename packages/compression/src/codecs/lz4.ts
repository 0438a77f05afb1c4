// lz4, GLIDE's layout: the original size as a little-endian u32, then one lz4
// block. lz4-wasm-nodejs (lz4_flex compiled to WebAssembly) writes and reads
// exactly that layout. Its encoder has one mode: GLIDE's levels are validated but
// every level compresses as level 0 (README).

import { OutputLimitError } from "../errors.js";
import { BACKEND_ID } from "../header.js";
import type { Codec } from "./codec.js";

/** An lz4 block expands at most about 255 times (one literal-length byte per 255 output bytes). */
const MAX_EXPANSION = 255;
/** The block API takes a signed 32-bit size. */
const LARGEST_BLOCK = 2 ** 31 - 1;

/** Why a payload cannot be an lz4 value of GLIDE's layout, before decoding it. */
export function lz4PayloadProblem(payload: Uint8Array, maxBytes: number): string | undefined {
  if (payload.length < 4) return "compressed data too short: missing size header";
  const size = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0, true);
  if (size > maxBytes) throw new OutputLimitError(size);
  if (size > LARGEST_BLOCK)
    return `Uncompressed size ${size} bytes exceeds LZ4 block API limit (${LARGEST_BLOCK} bytes)`;
  // A corrupt size is refused here rather than allocated.
  if (size > (payload.length - 4) * MAX_EXPANSION + 16)
    return `declared size ${size} is impossible for ${payload.length - 4} compressed bytes`;
  return undefined;
}

export async function wasmLz4(): Promise<Codec> {
  // A CommonJS module: its exports are the namespace's default.
  const lz4 = (await import("lz4-wasm-nodejs")).default;
  return {
    name: "lz4",
    id: BACKEND_ID.lz4,
    implementation: "lz4-wasm-nodejs",
    compress: (data) => lz4.compress(data),
    decompress(payload, maxBytes) {
      const problem = lz4PayloadProblem(payload, maxBytes);
      if (problem !== undefined) throw new Error(problem);
      try {
        return lz4.decompress(payload);
      } catch (error) {
        // The WebAssembly side throws plain strings.
        throw error instanceof Error ? error : new Error(String(error));
      }
    },
  };
}
