// Eviction under maxmemory where only the fake can set the scene exactly: a
// limit one byte below the estimate (USED_MEMORY plus each key's MEMORY
// USAGE), so one eviction suffices and the policy's choice shows.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, ManualClock, startStandalone } from "../../src/index.js";
import { USED_MEMORY } from "../../src/server/memory.js";
import type { RawClient } from "../support/raw-client.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("eviction under maxmemory", () => {
  const clock = new ManualClock();
  let server: FakeStandalone;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    server = await startStandalone({ replicas: 1, clock });
  });
  afterEach(async () => {
    const admin = await open(server.port);
    await admin.call(["CONFIG", "SET", "maxmemory", "0"]);
    await admin.call(["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
    await admin.call(["CONFIG", "SET", "notify-keyspace-events", ""]);
    await admin.call(["FLUSHALL"]);
  });
  afterAll(() => server.stop());

  /**
   * A maxmemory one byte below the current estimate: one key's eviction gets
   * under it. Asked before the accesses a test makes, since MEMORY USAGE reads the keys.
   */
  async function limitJustBelow(client: RawClient, keys: readonly string[]): Promise<string> {
    let dataset = 0;
    for (const key of keys)
      dataset += Number(String(await client.call(["MEMORY", "USAGE", key])).slice(1));
    return String(USED_MEMORY + dataset - 1);
  }

  async function existing(client: RawClient, keys: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const key of keys) if ((await client.call(["EXISTS", key])) === ":1") out.push(key);
    return out;
  }

  const value = "x".repeat(100);

  it("volatile policies evict only keys with a TTL, then refuse writes (OOM)", async () => {
    for (const policy of ["volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"]) {
      const client = await open(server.port);
      await client.call(["SET", "plain", value]);
      await client.call(["SET", "timed", value, "EX", "100"]);
      await client.call(["CONFIG", "SET", "maxmemory-policy", policy]);
      await client.call(["CONFIG", "SET", "maxmemory", "1"]);
      expect(await existing(client, ["plain", "timed"]), policy).toEqual(["plain"]);
      expect(await client.call(["SET", "more", "v"])).toBe(
        "-OOM command not allowed when used memory > 'maxmemory'.",
      );
      await client.call(["CONFIG", "SET", "maxmemory", "0"]);
      await client.call(["FLUSHALL"]);
    }
  });

  it("volatile-ttl evicts the key that expires soonest", async () => {
    const client = await open(server.port);
    await client.call(["SET", "later", value, "EX", "300"]);
    await client.call(["SET", "soon", value, "EX", "50"]);
    await client.call(["SET", "never", value]);
    await client.call(["SET", "middle", value, "EX", "200"]);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "volatile-ttl"]);
    const limit = await limitJustBelow(client, ["later", "soon", "never", "middle"]);
    await client.call(["CONFIG", "SET", "maxmemory", limit]);
    expect(await existing(client, ["later", "soon", "never", "middle"])).toEqual([
      "later",
      "never",
      "middle",
    ]);
  });

  it("allkeys-lru evicts the least recently touched key when the samples cover every key", async () => {
    const client = await open(server.port);
    const keys = ["a", "b", "c", "d"];
    for (const key of keys) await client.call(["SET", key, value]);
    const limit = await limitJustBelow(client, keys);
    clock.advance(10_000);
    for (const key of ["a", "c", "d"]) await client.call(["GET", key]);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]);
    await client.call(["CONFIG", "SET", "maxmemory", limit]);
    expect(await existing(client, keys)).toEqual(["a", "c", "d"]);
  });

  it("allkeys-lfu evicts the least frequently used key", async () => {
    const client = await open(server.port);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"]);
    // Every access counts with a log factor of 0, so the counters differ surely.
    await client.call(["CONFIG", "SET", "lfu-log-factor", "0"]);
    const keys = ["hot", "cold", "warm"];
    for (const key of keys) await client.call(["SET", key, value]);
    const limit = await limitJustBelow(client, keys);
    for (let i = 0; i < 3; i++) await client.call(["GET", "hot"]);
    await client.call(["GET", "warm"]);
    await client.call(["CONFIG", "SET", "maxmemory", limit]);
    expect(await existing(client, keys)).toEqual(["hot", "warm"]);
    await client.call(["CONFIG", "SET", "lfu-log-factor", "10"]);
  });

  it("allkeys-random under a tiny limit evicts every key of every database, then refuses writes", async () => {
    const client = await open(server.port);
    await client.call(["SET", "a", "1"]);
    await client.call(["SET", "b", "2", "EX", "100"]);
    await client.call(["SELECT", "3"]);
    await client.call(["SET", "c", "3"]);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "allkeys-random"]);
    await client.call(["CONFIG", "SET", "maxmemory", "1"]);
    expect(await client.call(["DBSIZE"])).toBe(":0");
    await client.call(["SELECT", "0"]);
    expect(await client.call(["DBSIZE"])).toBe(":0");
    expect(String(await client.call(["INFO", "stats"]))).toMatch(/\r\nevicted_keys:\d+\r\n/);
    expect(await client.call(["SET", "d", "4"])).toMatch(/^-OOM /);
    // Reads still run out of memory.
    expect(await client.call(["GET", "d"])).toEqual({ nil: "$" });
  });

  it("publishes evicted (class e) per key, invalidates tracked keys and deletes on the replica", async () => {
    const client = await open(server.port);
    const subscriber = await open(server.port);
    const replica = server.replicas[0];
    if (replica === undefined) throw new Error("no replica");
    const reader = await open(replica.port);
    const before = Number(
      /evicted_keys:(\d+)/.exec(String(await client.call(["INFO", "stats"])))?.[1],
    );
    await client.call(["SET", "gone", "v"]);
    expect(await reader.call(["GET", "gone"])).toBe("$v");
    await client.call(["HELLO", "3"]);
    await client.call(["CLIENT", "TRACKING", "ON"]);
    expect(await client.call(["GET", "gone"])).toBe("$v");
    await subscriber.call(["SUBSCRIBE", "__keyevent@0__:evicted", "__keyspace@0__:gone"], 2);
    await client.call(["CONFIG", "SET", "notify-keyspace-events", "KEe"]);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "allkeys-lru"]);
    // The client's own invalidation follows its reply.
    expect(await client.call(["CONFIG", "SET", "maxmemory", "1"])).toBe("+OK");
    expect(await client.read()).toEqual({ push: ["$invalidate", ["$gone"]] });
    expect(await subscriber.read()).toEqual(["$message", "$__keyspace@0__:gone", "$evicted"]);
    expect(await subscriber.read()).toEqual(["$message", "$__keyevent@0__:evicted", "$gone"]);
    expect(await reader.call(["GET", "gone"])).toEqual({ nil: "$" });
    const after = Number(
      /evicted_keys:(\d+)/.exec(String(await client.call(["INFO", "stats"])))?.[1],
    );
    expect(after).toBe(before + 1);
    await client.call(["CONFIG", "RESETSTAT"]);
    expect(String(await client.call(["INFO", "stats"]))).toContain("\r\nevicted_keys:0\r\n");
  });

  it("noeviction evicts nothing and refuses writes above the limit", async () => {
    const client = await open(server.port);
    await client.call(["SET", "kept", value, "EX", "100"]);
    await client.call(["CONFIG", "SET", "maxmemory", await limitJustBelow(client, ["kept"])]);
    expect(await client.call(["SET", "new", "v"])).toMatch(/^-OOM /);
    expect(await client.call(["EXISTS", "kept"])).toBe(":1");
  });

  it("reports the estimate and the settings in INFO memory", async () => {
    const client = await open(server.port);
    await client.call(["SET", "sized", value]);
    const usage = String(await client.call(["MEMORY", "USAGE", "sized"])).slice(1);
    await client.call(["CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"]);
    await client.call(["CONFIG", "SET", "maxmemory", "64mb"]);
    expect(String(await client.call(["INFO", "memory"]))).toBe(
      `$# Memory\r\nused_memory:${USED_MEMORY + Number(usage)}\r\nused_memory_dataset:${usage}\r\nmaxmemory:67108864\r\nmaxmemory_policy:allkeys-lfu\r\n`,
    );
  });

  it("validates maxmemory-policy and maxmemory-samples", async () => {
    const client = await open(server.port);
    expect(await client.call(["CONFIG", "SET", "maxmemory-policy", "sometimes"])).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
    );
    expect(await client.call(["CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU"])).toBe("+OK");
    expect(await client.call(["CONFIG", "GET", "maxmemory-policy"])).toEqual([
      "$maxmemory-policy",
      "$allkeys-lru",
    ]);
    expect(await client.call(["CONFIG", "SET", "maxmemory-samples", "0"])).toMatch(/^-ERR /);
    expect(await client.call(["CONFIG", "GET", "maxmemory-samples"])).toEqual([
      "$maxmemory-samples",
      "$5",
    ]);
  });
});
