// Byte compatibility with GLIDE 2.5.2 on a real server: a value GLIDE writes
// reads back through Petrel, and the reverse, for each backend and for sizes
// around every threshold. GLIDE's native core is the reference implementation.
import { randomBytes } from "node:crypto";
import { CompressionBackend, Decoder, GlideClient as PetrelClient } from "@petrel/client";
import { describeWithServers } from "@petrel/test-servers/vitest";
import {
  CompressionBackend as GlideBackend,
  GlideClient as GlideNativeClient,
  Logger,
} from "@valkey/valkey-glide";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCompression } from "../src/index.js";

registerCompression();
Logger.init("off");

const json64k = (() => {
  const items: string[] = [];
  let length = 2;
  for (let i = 0; length < 65536; i++) {
    const item = JSON.stringify({
      id: i,
      name: `user-${i}`,
      score: (i * 37) % 1000,
      tag: `t${i % 7}`,
    });
    items.push(item);
    length += item.length + 1;
  }
  return Buffer.from(`[${items.join(",")}]`).subarray(0, 65536);
})();

/** 0 B, 5 B, just below and at/above minCompressionSize (64), 64 KiB JSON, 1 MiB random. */
const values: [string, Buffer][] = [
  ["0 B", Buffer.alloc(0)],
  ["5 B", Buffer.from("hello")],
  ["63 B", Buffer.from("a".repeat(63))],
  ["64 B", Buffer.from("a".repeat(64))],
  ["65 B", Buffer.from(`${"ab".repeat(32)}c`)],
  ["64 KiB JSON", json64k],
  ["1 MiB random", randomBytes(1 << 20)],
];

const backends = [
  ["zstd", CompressionBackend.ZSTD, GlideBackend.ZSTD],
  ["lz4", CompressionBackend.LZ4, GlideBackend.LZ4],
] as const;

describeWithServers("compression interop with GLIDE 2.5.2", ["standalone"], ({ standalone }) => {
  const addresses = () => standalone.addresses.map(({ host, port }) => ({ host, port }));

  describe.each(backends)("%s", (name, petrelBackend, glideBackend) => {
    let petrel: PetrelClient;
    let glide: GlideNativeClient;
    let raw: PetrelClient;
    beforeAll(async () => {
      [petrel, glide, raw] = await Promise.all([
        PetrelClient.createClient({
          addresses: addresses(),
          requestTimeout: 5000,
          compression: { enabled: true, backend: petrelBackend },
        }),
        GlideNativeClient.createClient({
          addresses: addresses(),
          requestTimeout: 5000,
          compression: { enabled: true, backend: glideBackend },
        }),
        PetrelClient.createClient({ addresses: addresses(), requestTimeout: 5000 }),
      ]);
    });
    afterAll(() => {
      petrel?.close();
      glide?.close();
      raw?.close();
    });

    it.each(values)("GLIDE writes %s, Petrel reads it", async (label, value) => {
      const key = `interop:${name}:glide:${label}`;
      await glide.set(key, value);
      const got = await petrel.get(key, { decoder: Decoder.Bytes });
      expect(Buffer.compare(got as Buffer, value)).toBe(0);
    });

    it.each(values)("Petrel writes %s, GLIDE reads it", async (label, value) => {
      const key = `interop:${name}:petrel:${label}`;
      await petrel.set(key, value);
      const got = await glide.get(key, { decoder: 0 });
      expect(Buffer.compare(got as Buffer, value)).toBe(0);
    });

    it("stores the same values compressed when GLIDE does, within 2% of GLIDE's size", async () => {
      for (const [label, value] of values) {
        await glide.set(`size:${name}:glide:${label}`, value);
        await petrel.set(`size:${name}:petrel:${label}`, value);
        const mine = (await raw.get(`size:${name}:petrel:${label}`, {
          decoder: Decoder.Bytes,
        })) as Buffer;
        const theirs = (await raw.get(`size:${name}:glide:${label}`, {
          decoder: Decoder.Bytes,
        })) as Buffer;
        const compressed = (bytes: Buffer) =>
          bytes.length >= 5 && bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 2;
        expect(compressed(mine), label).toBe(compressed(theirs));
        if (label === "64 KiB JSON")
          expect(Math.abs(mine.length - theirs.length) / theirs.length).toBeLessThan(0.02);
      }
    });
  });

  it("reads values GLIDE wrote with the other backend", async () => {
    const zstdWriter = await GlideNativeClient.createClient({
      addresses: addresses(),
      compression: { enabled: true },
    });
    const lz4Reader = await PetrelClient.createClient({
      addresses: addresses(),
      compression: { enabled: true, backend: CompressionBackend.LZ4 },
    });
    try {
      await zstdWriter.set("interop:cross", json64k);
      expect(await lz4Reader.get("interop:cross")).toBe(json64k.toString());
    } finally {
      zstdWriter.close();
      lz4Reader.close();
    }
  });
});
