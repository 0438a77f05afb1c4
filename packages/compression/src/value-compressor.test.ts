import type { CompressionCounters } from "@petrel/client";
import { RequestError } from "@petrel/protocol";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { type Codecs, loadCodecs } from "./codecs/load.js";
import { BACKEND_ID, HEADER_SIZE, hasHeader, withHeader } from "./header.js";
import { OFFLOAD_BYTES, ValueCompressor } from "./value-compressor.js";

let codecs: Codecs;
beforeAll(async () => {
  codecs = await loadCodecs();
  // Until a worker has loaded its codecs, values compress here.
  await vi.waitFor(() => expect(codecs.pool?.ready()).toBe(true), { timeout: 10_000 });
});

function counting() {
  const seen = { compressed: 0, original: 0, bytes: 0, skipped: 0, decompressed: 0, out: 0 };
  const counters: CompressionCounters = {
    compressed(original, bytes) {
      seen.compressed++;
      seen.original += original;
      seen.bytes += bytes;
    },
    skipped() {
      seen.skipped++;
    },
    decompressed(bytes) {
      seen.decompressed++;
      seen.out += bytes;
    },
  };
  return { seen, counters };
}

function compressor(
  backend: "zstd" | "lz4",
  overrides: { min?: number; max?: number; pool?: false } = {},
) {
  const { seen, counters } = counting();
  const values = new ValueCompressor(
    {
      enabled: true,
      backend,
      compressionLevel: backend === "zstd" ? 3 : 0,
      minCompressionSize: overrides.min ?? 64,
      maxDecompressedSize: overrides.max ?? 512 * 1024 * 1024,
    },
    overrides.pool === false ? { zstd: codecs.zstd, lz4: codecs.lz4 } : codecs,
    counters,
  );
  return { values, seen };
}

describe.each(["zstd", "lz4"] as const)("values with %s", (backend) => {
  it("compresses from minCompressionSize bytes on, and only when smaller", () => {
    const { values, seen } = compressor(backend);
    expect(values.compress("a".repeat(63))).toBe("a".repeat(63));
    const sent = values.compress("a".repeat(64));
    expect(Buffer.isBuffer(sent) && hasHeader(sent)).toBe(true);
    expect((sent as Buffer)[4]).toBe(BACKEND_ID[backend]);
    const random = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7919 + 13) % 251));
    const noise = Buffer.alloc(256);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    expect(values.compress(noise)).toBe(noise);
    expect(seen.compressed).toBe(1);
    expect(seen.original).toBe(64);
    expect(seen.bytes).toBe((sent as Buffer).length);
    expect(seen.skipped).toBe(2);
    expect(values.decompress(values.compress(random) as Buffer).equals(random)).toBe(true);
  });

  it("counts characters as UTF-8 bytes and numbers as their digits", () => {
    const { values } = compressor(backend);
    // 32 two-byte characters are 64 bytes: long enough.
    expect(Buffer.isBuffer(values.compress("é".repeat(32)))).toBe(true);
    expect(values.compress(12345)).toBe(12345);
  });

  it("stores a value already compressed by this backend as it is", () => {
    const { values, seen } = compressor(backend);
    const once = values.compress("z".repeat(500)) as Buffer;
    expect(values.compress(once)).toBe(once);
    // The same header at the start of a string (its UTF-8 bytes), large or small.
    const text = `${once.subarray(0, HEADER_SIZE).toString("latin1")}${"é".repeat(OFFLOAD_BYTES)}`;
    expect(values.compress(text)).toBe(text);
    expect(values.compress(text.slice(0, 100))).toBe(text.slice(0, 100));
    expect(seen.skipped).toBe(3);
  });

  it(`compresses values from ${OFFLOAD_BYTES} bytes on a worker thread, to the same bytes`, async () => {
    const { values, seen } = compressor(backend);
    const inline = compressor(backend, { pool: false }).values;
    const text = JSON.stringify(Array.from({ length: 2000 }, (_, id) => ({ id, ok: id % 3 })));
    const callers = Buffer.from(text);
    const below = "b".repeat(OFFLOAD_BYTES - 1);
    expect(values.compress(below)).toBeInstanceOf(Buffer);
    const pending = [values.compress(text), values.compress(callers)];
    expect(pending.every((sent) => sent instanceof Promise)).toBe(true);
    const [fromString, fromBuffer] = (await Promise.all(pending)) as Buffer[];
    // The caller's Buffer is copied before the transfer, never detached.
    expect(callers.toString()).toBe(text);
    const expected = inline.compress(text) as Buffer;
    expect(fromString?.equals(expected)).toBe(true);
    expect(fromBuffer?.equals(expected)).toBe(true);
    expect(values.decompress(fromString as Buffer).toString()).toBe(text);
    expect(seen.compressed).toBe(3);
    expect(seen.original).toBe(2 * callers.length + below.length);
  });

  it("passes values without the header through, untouched and uncounted", () => {
    const { values, seen } = compressor(backend);
    const plain = Buffer.from("plain value");
    expect(values.decompress(plain)).toBe(plain);
    expect(seen.decompressed).toBe(0);
  });

  it("refuses a value that would pass maxDecompressedSize with GLIDE's message", async () => {
    const writer = compressor(backend).values;
    const reader = compressor(backend, { max: 1000 }).values;
    const value = (await writer.compress(Buffer.alloc(1 << 20, 1))) as Buffer;
    expect(() => reader.decompress(value)).toThrow(RequestError);
    expect(() => reader.decompress(value)).toThrow(
      new RegExp(
        `^Decompression error - IoError: Decompression size limit exceeded: ${backend.toUpperCase()} decompression of .+ data would produce .+ bytes, exceeding the maximum allowed size of 1000B bytes\\. To handle larger values, increase 'maxDecompressedSize' in your compression configuration\\.$`,
      ),
    );
  });
});

describe("corrupt values", () => {
  it("a claimed lz4 size past the limit is refused with the claimed size (GLIDE's text)", () => {
    const { values } = compressor("zstd");
    const value = Buffer.from([0, 1, 2, 0, 2, 0xff, 0xff, 0xff, 0x7f, 9]);
    expect(() => values.decompress(value)).toThrow(
      "Decompression error - IoError: Decompression size limit exceeded: LZ4 decompression of 10B data would produce 2.00GB bytes, exceeding the maximum allowed size of 512.00MB bytes. To handle larger values, increase 'maxDecompressedSize' in your compression configuration.",
    );
  });

  it("an unknown backend id names it", () => {
    const { values } = compressor("zstd");
    expect(() => values.decompress(Buffer.from([0, 1, 2, 0, 9, 9, 9]))).toThrow(
      "Unsupported compression backend: 'backend ID 0x09'",
    );
  });

  it("a broken zstd frame is a RequestError naming the backend and size", () => {
    const { values } = compressor("lz4");
    expect(() => values.decompress(Buffer.from([0, 1, 2, 0, 1, 9, 9, 9, 9, 9]))).toThrow(
      /^Decompression error - IoError: Decompression operation failed: ZSTD decoding failed for 10B data: /,
    );
  });

  it("fuzz: header-shaped and random values give a Buffer or a RequestError, nothing else", () => {
    const { values } = compressor("zstd", { max: 1 << 20 });
    const headerShaped = fc
      .tuple(fc.constantFrom(0, 1, 2, 3, 255), fc.constantFrom(0, 1, 2, 3, 255), fc.uint8Array())
      .map(([version, id, rest]) => Buffer.concat([Buffer.from([0, 1, 2, version, id]), rest]));
    const random = fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes));
    fc.assert(
      fc.property(fc.oneof(headerShaped, random), (value) => {
        try {
          const out = values.decompress(value);
          expect(Buffer.isBuffer(out)).toBe(true);
          if (!hasHeader(value)) expect(out).toBe(value);
        } catch (error) {
          expect(error).toBeInstanceOf(RequestError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("fuzz: real compressed values with one byte flipped never crash", () => {
    const { values } = compressor("zstd", { max: 1 << 20 });
    const lz4 = compressor("lz4").values;
    const text = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i, v: `value-${i}` })));
    const samples = [values.compress(text) as Buffer, lz4.compress(text) as Buffer];
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (which, at, flip) => {
          const value = Buffer.from(samples[which] as Buffer);
          const index = HEADER_SIZE + (at % (value.length - HEADER_SIZE));
          value[index] = (value[index] as number) ^ flip;
          try {
            expect(Buffer.isBuffer(values.decompress(value))).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(RequestError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("withHeader + a truncated payload is refused, not read past its end", () => {
    const { values } = compressor("zstd");
    const whole = values.compress("q".repeat(1000)) as Buffer;
    const cut = withHeader(BACKEND_ID.zstd, whole.subarray(HEADER_SIZE, whole.length - 3));
    expect(() => values.decompress(cut)).toThrow(RequestError);
  });
});
