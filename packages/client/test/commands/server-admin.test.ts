// Server administration commands that need a second server or background work
// (MIGRATE, REPLICAOF, BGSAVE, BGREWRITEAOF, FAILOVER, OBJECT FREQ), on both protocols.
import { describe, expect, it } from "vitest";
import type { GlideClient } from "../../src/index.js";
import {
  connect,
  eventually,
  PROTOCOLS,
  serverForFile,
  uniqueKey,
  valkeyAtLeast,
} from "./support/servers.js";

const source = serverForFile();
const target = serverForFile();

/** Waits until no background save or AOF rewrite runs. */
async function backgroundIdle(client: GlideClient): Promise<void> {
  await eventually(async () => {
    const info = await client.customCommand(["INFO", "persistence"]);
    const text = String(info);
    return text.includes("rdb_bgsave_in_progress:0") && text.includes("aof_rewrite_in_progress:0");
  }, 20_000);
}

describe.each(PROTOCOLS)("server administration over %s", (_name, protocol) => {
  it("migrate moves one key or several", async () => {
    const client = await connect(source, { protocol });
    const remote = await connect(target, { protocol });
    try {
      const [one, two, three] = [uniqueKey("mig"), uniqueKey("mig"), uniqueKey("mig")];
      await client.mset({ [one]: "1", [two]: "2", [three]: "3" });
      expect(await client.migrate(target.address.host, target.address.port, one, 0, 2000)).toBe(
        "OK",
      );
      expect(await client.get(one)).toBeNull();
      expect(await remote.get(one)).toBe("1");
      expect(
        await client.migrate(target.address.host, target.address.port, [two, three], 0, 2000, {
          copy: true,
          replace: true,
        }),
      ).toBe("OK");
      expect(await client.get(two)).toBe("2");
      expect(await remote.mget([two, three])).toEqual(["2", "3"]);
      expect(
        await client.migrate(target.address.host, target.address.port, uniqueKey("none"), 0, 2000),
      ).toBe("NOKEY");
    } finally {
      client.close();
      remote.close();
    }
  });

  it("bgsave, bgsaveSchedule and bgrewriteaof start background work", async () => {
    const client = await connect(source, { protocol });
    try {
      await backgroundIdle(client);
      expect(await client.bgsave()).toMatch(/Background saving started/);
      await backgroundIdle(client);
      expect(await client.bgsaveSchedule()).toMatch(/Background saving (started|scheduled)/);
      await backgroundIdle(client);
      expect(await client.bgrewriteaof()).toMatch(/Background append only file rewriting/);
      await backgroundIdle(client);
    } finally {
      client.close();
    }
  });

  it.skipIf(!valkeyAtLeast(8, 1))("bgsaveCancel (Valkey 8.1+)", async () => {
    const client = await connect(source, { protocol });
    try {
      await backgroundIdle(client);
      expect(await client.bgsaveCancel()).toMatch(/cancel/i);
    } finally {
      client.close();
    }
  });

  it("replicaof and replicaofNoOne change the role; failover needs a replica", async () => {
    const replica = await connect(target, { protocol });
    try {
      expect(await replica.replicaof(source.address.host, source.address.port)).toBe("OK");
      expect(String(await replica.customCommand(["ROLE"]))).toMatch(/slave|replica/);
      expect(await replica.replicaofNoOne()).toBe("OK");
      expect(String(await replica.customCommand(["ROLE"]))).toMatch(/master|primary/);
      await expect(replica.failover()).rejects.toThrow(/FAILOVER|replica/i);
    } finally {
      replica.close();
    }
  });

  it("objectFreq under an LFU policy, and null for a missing key", async () => {
    const client = await connect(source, { protocol });
    try {
      const key = uniqueKey("lfu");
      await client.set(key, "v");
      await expect(client.objectFreq(key)).rejects.toThrow(/LFU/);
      await client.configSet({ "maxmemory-policy": "allkeys-lfu" });
      try {
        expect(await client.objectFreq(key)).toBeGreaterThanOrEqual(0);
        expect(await client.objectFreq(uniqueKey("missing"))).toBeNull();
      } finally {
        await client.configSet({ "maxmemory-policy": "noeviction" });
      }
    } finally {
      client.close();
    }
  });
});
