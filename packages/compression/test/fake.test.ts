// Compression end to end on the fake, standalone and cluster: values stored
// compressed, replies expanded, GLIDE's refusals, corrupt values, batches.
import { Batch, ClusterBatch } from "@petrel/batch";
import {
  ClosingError,
  CompressionBackend,
  Decoder,
  GlideClient,
  GlideClusterClient,
  RequestError,
} from "@petrel/client";
import { TimeUnit } from "@petrel/commands";
import {
  type FakeCluster,
  type FakeStandalone,
  startCluster,
  startStandalone,
} from "@petrel/fake-valkey";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCodecs, registerCompression } from "../src/index.js";
import { OFFLOAD_BYTES } from "../src/value-compressor.js";

registerCompression();

const json = JSON.stringify(
  Array.from({ length: 400 }, (_, i) => ({ id: i, name: `user-${i}`, active: i % 3 === 0 })),
);
const MAGIC = Buffer.from([0, 1, 2, 0]);

let standalone: FakeStandalone;
let cluster: FakeCluster;
beforeAll(async () => {
  [standalone, cluster] = await Promise.all([startStandalone(), startCluster({ shards: 3 })]);
});
afterAll(async () => {
  await standalone?.stop();
  await cluster?.stop();
});

type AnyClient = GlideClient | GlideClusterClient;
const clients: AnyClient[] = [];
afterAll(() => {
  for (const client of clients) client.close();
});

async function connect(
  kind: "standalone" | "cluster",
  compression?: { backend?: CompressionBackend; maxDecompressedSize?: number },
): Promise<AnyClient> {
  const config = {
    requestTimeout: 2000,
    ...(compression ? { compression: { enabled: true, ...compression } } : {}),
  };
  const client =
    kind === "standalone"
      ? await GlideClient.createClient({ addresses: [standalone.primary], ...config })
      : await GlideClusterClient.createClient({ addresses: [cluster.seeds[0]!], ...config });
  clients.push(client);
  return client;
}

/** Waits until the worker pool takes values (before that, they compress on the event loop). */
async function workersReady(): Promise<void> {
  const { pool } = await loadCodecs();
  await vi.waitFor(() => expect(pool?.ready()).toBe(true), { timeout: 10_000 });
}

/** The bytes the server holds for `key`, read by a client without compression. */
async function stored(raw: AnyClient, key: string): Promise<Buffer> {
  return (await raw.get(key, { decoder: Decoder.Bytes })) as Buffer;
}

describe.each(["standalone", "cluster"] as const)("%s", (kind) => {
  let zstd: AnyClient;
  let lz4: AnyClient;
  let raw: AnyClient;
  beforeAll(async () => {
    [zstd, lz4, raw] = await Promise.all([
      connect(kind, {}),
      connect(kind, { backend: CompressionBackend.LZ4 }),
      connect(kind),
    ]);
  });

  it("stores SET values compressed and GET returns the original", async () => {
    await zstd.set(`${kind}:a`, json);
    const bytes = await stored(raw, `${kind}:a`);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.concat([MAGIC, Buffer.from([1])]));
    expect(bytes.length).toBeLessThan(json.length / 3);
    expect(await zstd.get(`${kind}:a`)).toBe(json);
    expect(await lz4.get(`${kind}:a`)).toBe(json);
    const asBytes = await zstd.get(`${kind}:a`, { decoder: Decoder.Bytes });
    expect(Buffer.isBuffer(asBytes) && asBytes.toString()).toBe(json);
  });

  it("compresses SETEX, PSETEX, SETNX, MSET and MSETNX values (custom commands too)", async () => {
    const k = (name: string) => `{${kind}}${name}`;
    await lz4.customCommand(["SETEX", k("ex"), "100", json]);
    await lz4.customCommand(["psetex", k("px"), "100000", json]);
    await lz4.customCommand(["SETNX", k("nx"), json]);
    await lz4.mset({ [k("m1")]: json, [k("m2")]: "short" });
    await lz4.msetnx({ [k("n1")]: json });
    for (const name of ["ex", "px", "nx", "m1", "n1"]) {
      expect((await stored(raw, k(name)))[4], name).toBe(2);
      expect(await zstd.get(k(name)), name).toBe(json);
    }
    expect((await stored(raw, k("m2"))).toString()).toBe("short");
  });

  it("expands MGET, GETEX, GETDEL, GETSET and SET … GET replies", async () => {
    const k = (name: string) => `${kind}:r:${name}`;
    await zstd.mset({ [k("1")]: json, [k("2")]: "tiny" });
    expect(await zstd.mget([k("1"), k("2"), k("missing")])).toEqual([json, "tiny", null]);
    expect(await zstd.getex(k("1"), { expiry: { type: TimeUnit.Seconds, duration: 100 } })).toBe(
      json,
    );
    expect(await zstd.customCommand(["GETSET", k("1"), json])).toBe(json);
    expect(await zstd.set(k("1"), `${json}!`, { returnOldValue: true })).toBe(json);
    expect(await zstd.getdel(k("1"))).toBe(`${json}!`);
  });

  it("keeps call order while large values compress on worker threads", async () => {
    await workersReady();
    const key = `{${kind}}order`;
    const large = (tag: string) => `${tag}${"x".repeat(OFFLOAD_BYTES)}${json}`;
    // Not awaited in between: each command must reach the server after the one before.
    const replies = await Promise.all([
      zstd.set(key, large("first")),
      zstd.get(key),
      zstd.set(key, "small"),
      zstd.get(key),
      zstd.set(key, large("second")),
      zstd.mget([key]),
      zstd.exec(
        new (kind === "standalone" ? Batch : ClusterBatch)(false).get(key).set(key, large("third")),
        true,
      ),
      zstd.get(key),
    ]);
    expect(replies).toEqual([
      "OK",
      large("first"),
      "OK",
      "small",
      "OK",
      [large("second")],
      [large("second"), "OK"],
      large("third"),
    ]);
    expect((await stored(raw, key))[4]).toBe(1);
  });

  it("a command waiting on a worker thread when the client closes gets a ClosingError", async () => {
    const client = await connect(kind, {});
    await workersReady();
    const pending = client.set(`${kind}:closing`, `${"y".repeat(OFFLOAD_BYTES)}${json}`);
    client.close();
    await expect(pending).rejects.toBeInstanceOf(ClosingError);
  });

  it("reads values written without the header as they are", async () => {
    await raw.set(`${kind}:plain`, json);
    expect(await zstd.get(`${kind}:plain`)).toBe(json);
  });

  it("refuses GLIDE's incompatible commands before sending them", async () => {
    await raw.set(`${kind}:n`, "5");
    await expect(zstd.incr(`${kind}:n`)).rejects.toThrow(
      "Command 'INCR' is incompatible with compression: INCR expects a numeric string value, but would receive compressed bytes",
    );
    await expect(zstd.customCommand(["append", `${kind}:n`, "x"])).rejects.toBeInstanceOf(
      RequestError,
    );
    expect(await raw.get(`${kind}:n`)).toBe("5");
  });

  it("a corrupt compressed value is a RequestError and the client stays usable", async () => {
    await raw.set(`${kind}:bad`, Buffer.from([0, 1, 2, 0, 1, 9, 9, 9, 9, 9]));
    await expect(zstd.get(`${kind}:bad`)).rejects.toThrow(/ZSTD decoding failed for 10B data/);
    await zstd.set(`${kind}:after`, json);
    expect(await zstd.get(`${kind}:after`)).toBe(json);
  });

  it("refuses a value that would expand past maxDecompressedSize", async () => {
    const small = await connect(kind, { maxDecompressedSize: 1024 });
    await zstd.set(`${kind}:big`, json);
    await expect(small.get(`${kind}:big`)).rejects.toThrow(/Decompression size limit exceeded/);
    expect(await small.get(`${kind}:missing`)).toBeNull();
  });

  it("compresses and expands inside batches and transactions, strings and bytes", async () => {
    const Kind = kind === "standalone" ? Batch : ClusterBatch;
    const key = `{${kind}b}`;
    for (const atomic of [false, true]) {
      const batch = new Kind(atomic)
        .set(`${key}1`, json)
        .get(`${key}1`)
        .mget([`${key}1`, `${key}missing`])
        .hset(`${key}h`, { f: "v" })
        .hgetall(`${key}h`)
        .getdel(`${key}1`);
      const results = await (zstd as GlideClient).exec(batch as Batch, true);
      expect(results).toEqual([
        "OK",
        json,
        [json, null],
        atomic ? 0 : 1,
        [{ field: "f", value: "v" }],
        json,
      ]);
    }
    await zstd.set(`${key}2`, json);
    const bytes = await (zstd as GlideClient).exec(new Kind(false).get(`${key}2`) as Batch, true, {
      decoder: Decoder.Bytes,
    });
    expect(Buffer.isBuffer(bytes?.[0]) && String(bytes?.[0])).toBe(json);
  });

  it("rejects a whole batch holding a refused command, as GLIDE does", async () => {
    const Kind = kind === "standalone" ? Batch : ClusterBatch;
    const batch = new Kind(false).set(`${kind}:x`, "1").incr(`${kind}:x`);
    await expect((zstd as GlideClient).exec(batch as Batch, false)).rejects.toThrow(
      /Command 'INCR' is incompatible with compression/,
    );
  });

  it("counts GLIDE's compression statistics", async () => {
    const before = zstd.getStatistics();
    await zstd.set(`${kind}:s1`, json);
    await zstd.set(`${kind}:s2`, "small");
    await zstd.get(`${kind}:s1`);
    const after = zstd.getStatistics();
    const delta = (name: keyof typeof after) => Number(after[name]) - Number(before[name]);
    expect(delta("total_values_compressed")).toBe(1);
    expect(delta("total_original_bytes")).toBe(json.length);
    expect(delta("total_bytes_compressed")).toBe((await stored(raw, `${kind}:s1`)).length);
    expect(delta("compression_skipped_count")).toBe(1);
    expect(delta("total_values_decompressed")).toBe(1);
    expect(delta("total_bytes_decompressed")).toBe(json.length);
  });
});
