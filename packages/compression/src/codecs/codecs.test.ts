import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { OutputLimitError } from "../errors.js";
import type { Codec } from "./codec.js";
import { loadCodecs } from "./load.js";
import { lz4PayloadProblem } from "./lz4.js";
import { hasBuiltinZstd, NODE_ZLIB_CONTEXTS, zstdCodec } from "./zstd.js";
import { zstdContentSize, zstdFramesComplete } from "./zstd-frame.js";

// Node's own zstd exists from 22.15 on: its path is tested where it exists.
const builtin = await hasBuiltinZstd();
const codecs: Record<string, Codec> = {};
const names = ["zstd (portable)", "lz4", ...(builtin ? ["zstd (node:zlib)"] : [])];

beforeAll(async () => {
  const [portable, loaded] = await Promise.all([zstdCodec({ builtin: false }), loadCodecs()]);
  codecs["zstd (portable)"] = portable;
  if (builtin) codecs["zstd (node:zlib)"] = loaded.zstd;
  codecs.lz4 = loaded.lz4;
});

const json = Buffer.from(
  JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `user-${i}` }))),
);

describe.each(names)("%s", (name) => {
  it("round-trips any bytes", () => {
    const codec = codecs[name] as Codec;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
        const out = codec.decompress(codec.compress(data, 0), 1 << 20);
        expect(Buffer.compare(Buffer.from(out), Buffer.from(data))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("shrinks JSON", () => {
    const codec = codecs[name] as Codec;
    expect(codec.compress(json, 3).length).toBeLessThan(json.length / 2);
  });

  it("stops a value at the limit, before keeping more than one block past it", () => {
    const codec = codecs[name] as Codec;
    const big = Buffer.alloc(4 << 20, 7);
    const payload = codec.compress(big, 3);
    let error: unknown;
    try {
      codec.decompress(payload, 1000);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OutputLimitError);
    expect((error as OutputLimitError).producedBytes).toBeGreaterThan(1000);
    expect((error as OutputLimitError).producedBytes).toBeLessThanOrEqual(4 << 20);
  });

  it("throws an Error (never a string, never a crash) on random payloads", () => {
    const codec = codecs[name] as Codec;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (payload) => {
        try {
          codec.decompress(payload, 1 << 20);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Where both exist, the stored bytes must not depend on the Node a service runs on.
if (builtin)
  describe("zstd through node:zlib", () => {
    it("writes the WebAssembly encoder's bytes, at every level GLIDE's tests use", () => {
      const native = codecs["zstd (node:zlib)"] as Codec;
      const portable = codecs["zstd (portable)"] as Codec;
      expect(native.implementation).toBe(NODE_ZLIB_CONTEXTS);
      for (const level of [-5, 1, 3, 9, 19]) {
        const frame = native.compress(json, level);
        expect(Buffer.from(frame).equals(portable.compress(json, level)), `level ${level}`).toBe(
          true,
        );
        expect(zstdContentSize(frame)).toBe(json.length);
      }
    });
  });

describe("zstd frame header", () => {
  it("reads the declared content size, and none from GLIDE's streamed frames", () => {
    const frame = (codecs["zstd (portable)"] as Codec).compress(json, 3);
    expect(zstdContentSize(frame)).toBe(json.length);
    // The start of a frame GLIDE 2.5.2 wrote (seen on a server): descriptor 0x00, no size.
    const glideFrame = Buffer.from("28b52ffd00584d0000", "hex");
    expect(zstdContentSize(glideFrame)).toBeUndefined();
    expect(zstdContentSize(Buffer.from([1, 2, 3, 4, 5, 6]))).toBeUndefined();
  });

  it("refuses a frame that declares more than the limit without decoding it", () => {
    const codec = codecs["zstd (portable)"] as Codec;
    const frame = codec.compress(Buffer.alloc(100_000), 3);
    expect(() => codec.decompress(frame, 99_999)).toThrow(OutputLimitError);
  });
});

describe("zstd frame walk", () => {
  it("accepts whole frames and refuses cut or padded ones", () => {
    const codec = codecs["zstd (portable)"] as Codec;
    const frame = codec.compress(json, 3);
    expect(zstdFramesComplete(frame)).toBe(true);
    expect(zstdFramesComplete(Buffer.concat([frame, frame]))).toBe(true);
    for (const cut of [1, 3, 100, frame.length - 5])
      expect(zstdFramesComplete(frame.subarray(0, frame.length - cut)), `cut ${cut}`).toBe(false);
    expect(zstdFramesComplete(Buffer.concat([frame, Buffer.from([0])]))).toBe(false);
  });
});

describe("lz4 payload checks", () => {
  it("refuses a missing size, a size past the limit, and an impossible size", () => {
    expect(lz4PayloadProblem(Buffer.from([1, 0]), 100)).toMatch(/missing size header/);
    expect(() => lz4PayloadProblem(Buffer.from([0xff, 0xff, 0xff, 0x7f, 0]), 100)).toThrow(
      OutputLimitError,
    );
    expect(lz4PayloadProblem(Buffer.from([0, 0, 1, 0, 0]), 1 << 20)).toMatch(/impossible/);
    expect(lz4PayloadProblem(Buffer.from([5, 0, 0, 0, 0x50, 1, 2, 3, 4, 5]), 100)).toBeUndefined();
  });
});
