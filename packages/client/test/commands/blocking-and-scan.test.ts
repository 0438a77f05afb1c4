// Blocking commands on their own connections (other commands keep flowing), and
// the scan async iterators, against a real redis-server on both protocols.
import { ListDirection } from "@petrel/commands";
import { describe, expect, expectTypeOf, it } from "vitest";
import { Decoder, type GlideString } from "../../src/index.js";
import { connect, PROTOCOLS, serverForFile, uniqueKey, valkeyAtLeast } from "./support/servers.js";

const server = serverForFile();

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe.each(PROTOCOLS)("blocking commands over %s", (_name, protocol) => {
  it("BLPOP, BZPOPMIN and XREAD BLOCK do not stall other commands of the same client", async () => {
    const client = await connect(server, { protocol, requestTimeout: 500 });
    const pusher = await connect(server, { protocol });
    try {
      const list = uniqueKey("blist");
      const zset = uniqueKey("bzset");
      const stream = uniqueKey("bstream");
      await client.xadd(stream, [["f", "0"]], { id: "1-0" });
      const popped = client.blpop([list], 0);
      const zpopped = client.bzpopmin([zset], 5);
      const read = client.xread({ [stream]: "$" }, { block: 5000 });
      // Many quick commands complete while three blocking commands wait.
      for (let i = 0; i < 20; i++) expect(await client.ping()).toBe("PONG");
      await pusher.rpush(list, ["item"]);
      await pusher.zadd(zset, { member: 1 });
      await pusher.xadd(stream, [["f", "1"]], { id: "2-0" });
      expect(await popped).toEqual([list, "item"]);
      expect(await zpopped).toEqual([zset, "member", 1]);
      expect(await read).toEqual([{ key: stream, value: { "2-0": [["f", "1"]] } }]);
    } finally {
      client.close();
      pusher.close();
    }
  });

  it("a blocking command times out with the server's nil and leaves the client usable", async () => {
    const client = await connect(server, { protocol });
    try {
      const list = uniqueKey("empty");
      expect(await client.brpop([list], 0.1)).toBeNull();
      expect(await client.blmpop([list], ListDirection.LEFT, 0.1)).toBeNull();
      expect(await client.get(list)).toBeNull();
    } finally {
      client.close();
    }
  });

  it("closing the client rejects a command blocked forever", async () => {
    const client = await connect(server, { protocol });
    const blocked = client.blpop([uniqueKey("forever")], 0);
    expect(await client.ping()).toBe("PONG");
    client.close();
    await expect(blocked).rejects.toThrow();
  });
});

describe.each(PROTOCOLS)("scan iterators over %s", (_name, protocol) => {
  it("walk every key, field, member and scored member", async () => {
    const client = await connect(server, { protocol });
    try {
      const prefix = uniqueKey("iter");
      const keys = Array.from({ length: 120 }, (_, i) => `${prefix}:${i}`);
      await client.mset(Object.fromEntries(keys.map((key) => [key, "v"])));
      const scanned = await collect(client.scanIterator({ match: `${prefix}:*`, count: 10 }));
      expect(new Set(scanned)).toEqual(new Set(keys));

      const hash = `${prefix}:hash`;
      const fields = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, `v${i}`]));
      await client.hset(hash, fields);
      const pairs = await collect(client.hscanIterator(hash, { count: 50 }));
      expect(Object.fromEntries(pairs)).toEqual(fields);

      const set = `${prefix}:set`;
      const members = Array.from({ length: 300 }, (_, i) => `m${i}`);
      await client.sadd(set, members);
      expect(new Set(await collect(client.sscanIterator(set, { count: 50 })))).toEqual(
        new Set(members),
      );

      const zset = `${prefix}:zset`;
      await client.zadd(zset, { a: 1, b: 2.5 });
      expect(await collect(client.zscanIterator(zset))).toEqual([
        ["a", "1"],
        ["b", "2.5"],
      ]);

      const bytes = await collect(
        client.scanIterator({ match: `${prefix}:1?`, decoder: Decoder.Bytes }),
      );
      expect(bytes.every((key) => Buffer.isBuffer(key))).toBe(true);
      expect(bytes).toHaveLength(10);
      const none = await collect(client.scanIterator({ match: `${prefix}-nothing*` }));
      expect(none).toEqual([]);
    } finally {
      client.close();
    }
  });

  it.skipIf(!valkeyAtLeast(8))(
    "hscan noValues and zscan noScores yield names only (Valkey 8.0+)",
    async () => {
      const client = await connect(server, { protocol });
      try {
        const hash = uniqueKey("novalues");
        const zset = uniqueKey("noscores");
        await client.hset(hash, { a: "1", b: "2" });
        await client.zadd(zset, { m: 1 });
        const fields = await collect(client.hscanIterator(hash, { noValues: true }));
        expectTypeOf(fields).toEqualTypeOf<GlideString[]>();
        expect(new Set(fields)).toEqual(new Set(["a", "b"]));
        expect(await collect(client.zscanIterator(zset, { noScores: true }))).toEqual(["m"]);
      } finally {
        client.close();
      }
    },
  );
});
