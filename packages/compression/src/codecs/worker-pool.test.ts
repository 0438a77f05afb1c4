import { expect, it, vi } from "vitest";
import { loadCodecs } from "./load.js";
import { CompressionPool, createCompressionPool } from "./worker-pool.js";
import { zstdCodec } from "./zstd.js";

it("starts a worker on the first ready() and compresses to the event loop's bytes", async () => {
  const pool = createCompressionPool(1) as CompressionPool;
  expect(pool.ready()).toBe(false);
  await vi.waitFor(() => expect(pool.ready()).toBe(true), { timeout: 10_000 });
  const { zstd, lz4 } = await loadCodecs();
  const text = JSON.stringify(Array.from({ length: 3000 }, (_, id) => ({ id, name: `n${id}` })));
  const bytes = Buffer.from(text);
  const [fromString, fromBytes, fromLz4] = await Promise.all([
    pool.compress(text, "zstd", 3),
    pool.compress(new Uint8Array(bytes), "zstd", 3),
    pool.compress(text, "lz4", 0),
  ]);
  expect(Buffer.from(fromString).equals(zstd.compress(bytes, 3))).toBe(true);
  expect(Buffer.from(fromBytes).equals(zstd.compress(bytes, 3))).toBe(true);
  expect(Buffer.from(lz4.decompress(fromLz4, 1 << 20)).toString()).toBe(text);
});

it("with builtin off, compresses zstd to the WebAssembly codec's bytes", async () => {
  const pool = createCompressionPool(1, false) as CompressionPool;
  pool.ready();
  await vi.waitFor(() => expect(pool.ready()).toBe(true), { timeout: 10_000 });
  const portable = await zstdCodec({ builtin: false });
  const bytes = Buffer.from("portable ".repeat(5000));
  const payload = await pool.compress(new Uint8Array(bytes), "zstd", 5);
  expect(Buffer.from(payload).toString("hex")).toBe(
    Buffer.from(portable.compress(bytes, 5)).toString("hex"),
  );
});

it("stays off, without restarting workers, where a worker cannot load its codecs", async () => {
  const pool = new CompressionPool(2, {
    zstdPath: "/nonexistent/zstd.js",
    lz4Path: "/nonexistent/lz4.js",
    builtin: true,
    contexts: true,
  });
  expect(pool.ready()).toBe(false);
  // The worker dies on its require(); the pool then refuses to start another.
  await vi.waitFor(
    () => {
      expect(pool.ready()).toBe(false);
      expect(pool.workerCount).toBe(0);
    },
    { timeout: 10_000 },
  );
  await expect(pool.compress("x", "zstd", 3)).rejects.toThrow("no compression worker is ready");
});
