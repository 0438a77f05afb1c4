import { runInNewContext } from "node:vm";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { type ZlibZstd, zstdContexts } from "./zstd-native.js";

/** About `bytes` of JSON text, different for each seed. */
function jsonText(seed: number, bytes: number): string {
  const rows: string[] = [];
  let length = 2;
  for (let i = 0; length < bytes; i++) {
    const row = JSON.stringify({ id: seed * 1e6 + i, name: `user-${(i * 7919 + seed) % 1000}` });
    rows.push(row);
    length += row.length + 1;
  }
  return `[${rows.join(",")}]`;
}

/** node:zlib's zstd where this Node has it (22.15+). */
const zstdZlib = (): ZlibZstd | undefined =>
  "ZstdCompress" in zlib ? (zlib as unknown as ZlibZstd) : undefined;

const oneShot = (data: Uint8Array, level: number): Buffer =>
  (
    zlib as unknown as {
      zstdCompressSync(d: Uint8Array, o: { params: Record<number, number> }): Buffer;
    }
  ).zstdCompressSync(data, {
    params: { [(zstdZlib() as ZlibZstd).constants.ZSTD_c_compressionLevel]: level },
  });

describe("zstdContexts's text", () => {
  it("runs on its own, as the worker evaluates it (nothing outside it but globals)", () => {
    const make = runInNewContext(`(${zstdContexts.toString()})`, {
      Buffer,
      Uint32Array,
    }) as typeof zstdContexts;
    // A zlib whose streams lack the binding: every call answers undefined, none throws.
    class Bare {
      destroyed = false;
      destroy() {
        this.destroyed = true;
      }
      on() {
        return this;
      }
    }
    const bare = make({
      ZstdCompress: Bare,
      ZstdDecompress: Bare,
      constants: { ZSTD_e_end: 2, ZSTD_c_compressionLevel: 100 },
    });
    expect(bare.compress(Buffer.from("abc"), 3)).toBeUndefined();
    expect(bare.decompress(Buffer.from("abc"), 3)).toBeUndefined();
    const native = zstdZlib();
    if (native !== undefined) {
      const value = Buffer.from(jsonText(1, 20_000));
      const frame = make(native).compress(value, 3);
      expect(Buffer.from(frame as Uint8Array).equals(oneShot(value, 3))).toBe(true);
    }
  });
});

// Node's zstd exists from 22.15 on: the contexts are tested where it exists.
const native = zstdZlib();
if (native !== undefined)
  describe("kept node:zlib contexts", () => {
    it("give the one-shot call's bytes for value after value, levels interleaved", () => {
      const contexts = zstdContexts(native);
      for (let i = 0; i < 40; i++) {
        const value = Buffer.from(jsonText(i, 100 + i * 3000));
        const level = [3, -5, 1, 9][i % 4] as number;
        const frame = contexts.compress(value, level) as Uint8Array;
        expect(Buffer.from(frame).equals(oneShot(value, level)), `value ${i}`).toBe(true);
        // Its own ArrayBuffer, of its exact size: the worker transfers it.
        expect(frame.buffer.byteLength).toBe(frame.length);
        const back = contexts.decompress(frame, value.length) as Uint8Array;
        expect(Buffer.from(back).equals(value), `value ${i} back`).toBe(true);
      }
    });

    it("read a frame as text in scratch, value after value, larger and smaller", () => {
      const contexts = zstdContexts(native);
      const texts = [5_000, 80_000, 300, 80_000, 200_000, 10].map((bytes, i) => jsonText(i, bytes));
      const frames = texts.map((text) => contexts.compress(Buffer.from(text), 3) as Uint8Array);
      frames.forEach((frame, i) => {
        const text = texts[i] as string;
        expect(contexts.decompressText(frame, Buffer.byteLength(text)), `text ${i}`).toBe(text);
      });
      // A frame that writes past what it is said to hold fills the slack: refused.
      const first = frames[1] as Uint8Array;
      expect(contexts.decompressText(first, Buffer.byteLength(texts[1] as string) - 1)).toBe(
        undefined,
      );
      expect(contexts.decompressText(first, Buffer.byteLength(texts[1] as string))).toBe(texts[1]);
    });

    it("answer undefined for a frame that does not end at its declared size, then go on", () => {
      const contexts = zstdContexts(native);
      const value = Buffer.from(jsonText(7, 50_000));
      const frame = contexts.compress(value, 3) as Uint8Array;
      const truncated = frame.subarray(0, frame.length - 100);
      const twoFrames = Buffer.concat([frame, frame]);
      const garbage = Buffer.concat([frame.subarray(0, 20), Buffer.alloc(500, 0xa5)]);
      expect(contexts.decompress(truncated, value.length)).toBeUndefined();
      expect(contexts.decompress(twoFrames, value.length)).toBeUndefined();
      expect(contexts.decompress(garbage, value.length)).toBeUndefined();
      expect(contexts.decompress(frame, value.length - 1)).toBeUndefined();
      // Each failure dropped the context; the next value decodes whole.
      expect(
        Buffer.from(contexts.decompress(frame, value.length) as Uint8Array).equals(value),
      ).toBe(true);
    });
  });
