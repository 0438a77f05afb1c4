// Sentinel on @petrel/fake-valkey's sentinel mode: the same oracle as against
// redis-sentinel, deterministic (the fake fails over at once when told to).
import { type FakeNode, type FakeSentinel, startSentinel } from "@petrel/fake-valkey";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionError,
  GlideClient,
  GlideClientConfiguration,
  ProtocolVersion,
} from "../../src/index.js";
import { countersFor, sentinelOracle, until } from "./oracle.js";

const deployments: FakeSentinel[] = [];
const clients: GlideClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(deployments.splice(0).map((deployment) => deployment.stop()));
});

async function deployment(): Promise<FakeSentinel> {
  const started = await startSentinel({ primaryName: "fake" });
  deployments.push(started);
  return started;
}

async function client(
  fake: FakeSentinel,
  config: Partial<GlideClientConfiguration> = {},
): Promise<GlideClient> {
  const created = await GlideClient.createClient({
    sentinel: { primaryName: "fake", sentinels: fake.sentinelAddresses },
    requestTimeout: 3000,
    connectionBackoff: { numberOfRetries: 3, factor: 20, exponentBase: 2 },
    ...config,
  });
  clients.push(created);
  return created;
}

async function serverPort(glide: GlideClient): Promise<number> {
  return Number(/tcp_port:(\d+)/.exec(String(await glide.info()))?.[1]);
}

describe("Sentinel on the fake", () => {
  it.each([ProtocolVersion.RESP3, ProtocolVersion.RESP2])(
    "finds the primary the sentinels name (protocol %s)",
    async (protocol) => {
      const fake = await deployment();
      const glide = await client(fake, { protocol });
      expect(await glide.set("k", "v")).toBe("OK");
      expect(await serverPort(glide)).toBe(fake.primary.port);
    },
  );

  it("SENTINEL FAILOVER under load: no acknowledged write lost, writes move at once", async () => {
    const fake = await deployment();
    const glide = await client(fake);
    const run = sentinelOracle(glide, countersFor(100, "failover"), 50, 2);
    await until(() => run.report.acknowledged > 500);
    const old = fake.primary;
    await fake.failover();
    expect(fake.primary).not.toBe(old);
    const acknowledgedAtSwitch = run.report.acknowledged;
    await until(() => run.report.acknowledged > acknowledgedAtSwitch + 1000);
    const report = await run.stop();
    expect(report).toMatchObject({ lost: 0, duplicated: 0, unsettled: 0 });
    expect(await serverPort(glide)).toBe(fake.primary.port);
  });

  it("SENTINEL FAILOVER sent to a sentinel moves the client too", async () => {
    const fake = await deployment();
    const glide = await client(fake);
    const old = fake.primary;
    const admin = await GlideClient.createClient({ addresses: [fake.sentinelAddresses[1]!] });
    clients.push(admin);
    expect(await admin.customCommand(["SENTINEL", "FAILOVER", "fake"])).toBe("OK");
    await until(() => fake.primary !== old);
    expect(await glide.set("after", "1")).toBe("OK");
    expect(await serverPort(glide)).toBe(fake.primary.port);
  });

  it("a killed primary under load: writes resume on the promoted replica", async () => {
    const fake = await deployment();
    const glide = await client(fake);
    const run = sentinelOracle(glide, countersFor(100, "kill"), 50, 2);
    await until(() => run.report.acknowledged > 500);
    await fake.failover({ kill: true });
    run.replicas = 1;
    const acknowledgedAtSwitch = run.report.acknowledged;
    await until(() => run.report.acknowledged > acknowledgedAtSwitch + 1000);
    const report = await run.stop();
    expect(report).toMatchObject({ lost: 0, duplicated: 0, unsettled: 0 });
    // Only the INCRs in flight on the killed primary may fail: at most one per worker.
    expect(report.failed).toBeLessThanOrEqual(50);
  });

  it("a killed primary: writes go to the promoted replica before the switch is announced", async () => {
    const fake = await deployment();
    const glide = await client(fake);
    expect(await glide.set("before", "1")).toBe("OK");
    const old = fake.primary;
    // Only the last sentinel (the leader) publishes the promotion; all still name the old primary.
    const promoted = await fake.failover({ kill: true, pauseBeforeSwitch: { leader: 2 } });
    expect(promoted).not.toBe(old);
    const first = await glide.set("early", "1").catch((error: unknown) => error);
    // A write sent before the client saw the socket close fails, as in GLIDE.
    if (first !== "OK") expect(first).toBeInstanceOf(ConnectionError);
    expect(await glide.set("early", "1")).toBe("OK");
    expect(fake.data.nodeKeyspace(promoted, 0).has(Buffer.from("early"))).toBe(true);
    expect(await serverPort(glide)).toBe(promoted.port);
    fake.announceSwitch();
    expect(await glide.set("after", "1")).toBe("OK");
    expect(fake.data.nodeKeyspace(promoted, 0).has(Buffer.from("after"))).toBe(true);
  });

  it("readFrom preferReplica follows +sdown / -sdown", async () => {
    const fake = await deployment();
    const glide = await client(fake, { readFrom: "preferReplica" });
    const [first, second] = fake.replicaNodes as [FakeNode, FakeNode];
    const gets = (node: FakeNode) => fake.data.commandCount("get", node);
    /** Reads in rounds of 20 until `done` holds after a round (the refresh runs in the background). */
    const readUntil = async (done: () => boolean) => {
      for (let round = 0; round < 100; round++) {
        for (let i = 0; i < 20; i++) await glide.get("x");
        if (done()) return;
      }
      throw new Error("reads never settled as expected");
    };
    fake.setReplicaDown(first, true);
    let onFirst = gets(first);
    await readUntil(() => {
      const now = gets(first);
      const stable = now === onFirst;
      onFirst = now;
      return stable;
    });
    const onSecond = gets(second);
    await readUntil(() => true);
    expect(gets(first)).toBe(onFirst);
    expect(gets(second)).toBe(onSecond + 20);
    fake.setReplicaDown(first, false);
    await readUntil(() => gets(first) > onFirst);
    expect(gets(first)).toBeGreaterThan(onFirst);
  });

  it("restores subscriptions, the database and the client name on the new primary", async () => {
    const fake = await deployment();
    const received: string[] = [];
    const glide = await client(fake, {
      databaseId: 2,
      clientName: "sentinel-app",
      pubsubSubscriptions: {
        channelsAndPatterns: {
          [GlideClientConfiguration.PubSubChannelModes.Exact]: new Set(["news"]),
        },
        callback: (message) => received.push(String(message.message)),
      },
    });
    expect(await glide.publish("before", "news")).toBe(1);
    await until(() => received.length === 1);
    const promoted = await fake.failover({ kill: true });
    // A write sent before the client has seen the socket close is written to the dead primary
    // and fails with ConnectionError, as in GLIDE; the next one waits for the promoted primary.
    const first = await glide.set("moved", "yes").catch((error: unknown) => error);
    if (first !== "OK") {
      expect(first).toBeInstanceOf(ConnectionError);
      expect(await glide.set("moved", "yes")).toBe("OK");
    }
    expect(fake.data.nodeKeyspace(promoted, 2).has(Buffer.from("moved"))).toBe(true);
    expect(String(await glide.customCommand(["CLIENT", "GETNAME"]))).toBe("sentinel-app");
    // The subscriber reconnects to the promoted primary and subscribes again.
    await until(() => fake.data.commandCount("subscribe", promoted) > 0);
    expect(await glide.publish("after", "news")).toBe(1);
    await until(() => received.length === 2);
    expect(received).toEqual(["before", "after"]);
  });

  it("SENTINEL FAILOVER moves the subscriber to the new primary at the switch", async () => {
    const fake = await deployment();
    const received: string[] = [];
    const glide = await client(fake, {
      pubsubSubscriptions: {
        channelsAndPatterns: {
          [GlideClientConfiguration.PubSubChannelModes.Exact]: new Set(["news"]),
        },
        callback: (message) => received.push(String(message.message)),
      },
    });
    const old = fake.primary;
    const promoted = await fake.failover();
    // The demoted primary keeps its connections: only the switch moves the subscriber.
    await until(() => fake.data.commandCount("subscribe", promoted) > 0);
    const publisher = await GlideClient.createClient({
      addresses: [{ host: "127.0.0.1", port: promoted.port }],
    });
    clients.push(publisher);
    await until(async () => (await publisher.publish("on the new primary", "news")) === 1);
    await until(() => received.includes("on the new primary"));
    expect(await glide.publish("through the client", "news")).toBe(1);
    await until(() => received.includes("through the client"));
    expect(await serverPort(glide)).toBe(promoted.port);
    expect(old.port).not.toBe(promoted.port);
  });
});
