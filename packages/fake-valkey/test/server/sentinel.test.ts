import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeSentinel, startSentinel } from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("sentinel mode", () => {
  let fake: FakeSentinel;
  const open = rawClientsPerTest();
  beforeAll(async () => {
    fake = await startSentinel({ primaryName: "mymaster" });
  });
  afterAll(() => fake.stop());

  it("names the primary, its replicas and the other sentinels", async () => {
    const sentinel = await open(fake.sentinels[0]!.port);
    const address = ["$127.0.0.1", `$${fake.primary.port}`];
    expect(await sentinel.call(["SENTINEL", "GET-PRIMARY-ADDR-BY-NAME", "mymaster"])).toEqual(
      address,
    );
    expect(await sentinel.call(["SENTINEL", "get-master-addr-by-name", "mymaster"])).toEqual(
      address,
    );
    expect(await sentinel.call(["SENTINEL", "GET-MASTER-ADDR-BY-NAME", "other"])).toEqual({
      nil: "*",
    });
    const replicas = (await sentinel.call(["SENTINEL", "REPLICAS", "mymaster"])) as string[][];
    expect(replicas).toHaveLength(2);
    expect(replicas[0]).toContain(`$${fake.data.replicas[0]!.port}`);
    expect(replicas[0]).toContain("$slave");
    const peers = (await sentinel.call(["SENTINEL", "SENTINELS", "mymaster"])) as string[][];
    expect(peers.map((peer) => peer[peer.indexOf("$port") + 1])).toEqual(
      fake.sentinels.slice(1).map((node) => `$${node.port}`),
    );
    expect(await sentinel.call(["SENTINEL", "REPLICAS", "other"])).toBe(
      "-ERR No such master with that name",
    );
    expect(String(await sentinel.call(["GET", "k"]))).toMatch(/^-ERR unknown command 'GET'/);
  });

  it("fails over on SENTINEL FAILOVER and announces +switch-master", async () => {
    const subscriber = await open(fake.sentinels[2]!.port);
    await subscriber.call(["SUBSCRIBE", "+switch-master"]);
    const old = fake.primary;
    const admin = await open(fake.sentinels[1]!.port);
    expect(await admin.call(["SENTINEL", "FAILOVER", "mymaster"])).toBe("+OK");
    const message = (await subscriber.read()) as string[];
    const promoted = fake.primary;
    expect(promoted).not.toBe(old);
    expect(message).toEqual([
      "$message",
      "$+switch-master",
      `$mymaster 127.0.0.1 ${old.port} 127.0.0.1 ${promoted.port}`,
    ]);
    expect(promoted.isReplica).toBe(false);
    expect(old.primary).toBe(promoted);
    const write = await open(old.port);
    expect(String(await write.call(["SET", "k", "v"]))).toMatch(/^-READONLY/);
  });
});
