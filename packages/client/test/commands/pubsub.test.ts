// Pub/Sub against a real redis-server on both protocols, and a reconnect on the fake.
import { FakeStandalone } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  Decoder,
  GlideClient,
  GlideClientConfiguration,
  type PubSubMsg,
  TimeoutError,
} from "../../src/index.js";
import { connect, eventually, PROTOCOLS, serverForFile, uniqueKey } from "./support/servers.js";

const { Exact, Pattern } = GlideClientConfiguration.PubSubChannelModes;

const server = serverForFile();

describe.each(PROTOCOLS)("Pub/Sub over %s", (_name, protocol) => {
  it("delivers messages for configured channels and patterns to the callback", async () => {
    const channel = uniqueKey("news");
    const received: PubSubMsg[] = [];
    const contexts: unknown[] = [];
    const subscriber = await connect(server, {
      protocol,
      pubsubSubscriptions: {
        channelsAndPatterns: { [Exact]: new Set([channel]), [Pattern]: new Set([`${channel}.*`]) },
        callback: (message, context) => {
          received.push(message);
          contexts.push(context);
        },
        context: "ctx",
      },
    });
    const publisher = await connect(server, { protocol });
    try {
      expect(await publisher.publish("hello", channel)).toBe(1);
      expect(await publisher.publish("sports", `${channel}.sport`)).toBe(1);
      await eventually(() => received.length === 2);
      expect(received).toEqual([
        { message: "hello", channel, pattern: null },
        { message: "sports", channel: `${channel}.sport`, pattern: `${channel}.*` },
      ]);
      expect(contexts).toEqual(["ctx", "ctx"]);
      await expect(subscriber.getPubSubMessage()).rejects.toBeInstanceOf(ConfigurationError);
      expect(() => subscriber.tryGetPubSubMessage()).toThrow(ConfigurationError);
    } finally {
      subscriber.close();
      publisher.close();
    }
  });

  it("subscribes at runtime and queues messages for getPubSubMessage", async () => {
    const channel = uniqueKey("rt");
    const client = await connect(server, { protocol });
    const publisher = await connect(server, { protocol });
    try {
      expect(client.tryGetPubSubMessage()).toBeNull();
      await client.subscribe(new Set([channel]), 5000);
      await client.psubscribe([`${channel}:*`], 5000);
      const state = await client.getSubscriptions();
      expect(state.desiredSubscriptions[Exact]).toEqual(new Set([channel]));
      expect(state.actualSubscriptions[Exact]).toEqual(new Set([channel]));
      expect(state.actualSubscriptions[Pattern]).toEqual(new Set([`${channel}:*`]));
      expect(await publisher.pubsubChannels({ pattern: channel })).toEqual([channel]);
      expect(await publisher.pubsubNumSub([channel])).toEqual([{ channel, numSub: 1 }]);
      expect(await publisher.pubsubNumPat()).toBeGreaterThanOrEqual(1);

      const waiting = client.getPubSubMessage();
      await publisher.publish("first", channel);
      expect(await waiting).toEqual({ message: "first", channel, pattern: null });
      await publisher.publish(Buffer.from("second"), `${channel}:x`);
      await eventually(async () => {
        const message = client.tryGetPubSubMessage(Decoder.Bytes);
        if (message === null) return false;
        expect(message).toEqual({
          message: Buffer.from("second"),
          channel: Buffer.from(`${channel}:x`),
          pattern: Buffer.from(`${channel}:*`),
        });
        return true;
      });

      await client.unsubscribe(null, 5000);
      await client.punsubscribe([`${channel}:*`], 5000);
      const after = await client.getSubscriptions();
      expect(after.actualSubscriptions[Exact]).toEqual(new Set());
      expect(after.actualSubscriptions[Pattern]).toEqual(new Set());
      expect(await publisher.publish("nobody", channel)).toBe(0);
      // The command connection kept working while subscribed.
      expect(await client.ping()).toBe("PONG");
    } finally {
      client.close();
      publisher.close();
    }
  });

  it("lazy variants return before the confirmation and still take effect", async () => {
    const channel = uniqueKey("lazy");
    const client = await connect(server, { protocol });
    try {
      await client.subscribeLazy([channel]);
      await eventually(async () => (await client.pubsubNumSub([channel]))[0]?.numSub === 1);
      await client.unsubscribeLazy([channel]);
      await eventually(async () => (await client.pubsubNumSub([channel]))[0]?.numSub === 0);
      await client.psubscribeLazy([`${channel}*`]);
      await eventually(
        async () =>
          (await client.getSubscriptions()).actualSubscriptions[Pattern]?.has(`${channel}*`) ===
          true,
      );
      await client.punsubscribeLazy();
      await eventually(
        async () => (await client.getSubscriptions()).actualSubscriptions[Pattern]?.size === 0,
      );
    } finally {
      client.close();
    }
  });

  it("restores subscriptions after the server kills the subscriber connection", async () => {
    const channel = uniqueKey("restore");
    const client = await connect(server, { protocol });
    const publisher = await connect(server, { protocol });
    try {
      await client.subscribe([channel], 5000);
      expect(
        await publisher.customCommand(["CLIENT", "KILL", "TYPE", "pubsub"]),
      ).toBeGreaterThanOrEqual(1);
      await eventually(async () => (await publisher.publish("again", channel)) === 1);
      const message = await client.getPubSubMessage();
      expect(message.channel).toBe(channel);
    } finally {
      client.close();
      publisher.close();
    }
  });
});

describe("Pub/Sub input checks and lifecycle", () => {
  it("a lazy client subscribes once its first request connects it", async () => {
    const channel = uniqueKey("lazy-connect");
    const client = await connect(server, {
      lazyConnect: true,
      pubsubSubscriptions: { channelsAndPatterns: { [Exact]: new Set([channel]) } },
    });
    const observer = await connect(server);
    try {
      expect((await observer.pubsubNumSub([channel]))[0]?.numSub).toBe(0);
      expect(await client.ping()).toBe("PONG");
      await eventually(async () => (await observer.pubsubNumSub([channel]))[0]?.numSub === 1);
      await observer.publish("hi", channel);
      expect((await client.getPubSubMessage()).message).toBe("hi");
    } finally {
      client.close();
      observer.close();
    }
  });

  it("rejects bad arguments and settles waiting calls on close", async () => {
    const client = await connect(server);
    await expect(client.subscribe([], 100)).rejects.toThrow(/must not be empty/);
    await expect(client.subscribe([1 as unknown as string], 100)).rejects.toThrow(
      /strings or Buffers/,
    );
    await expect(client.subscribe(["a"], -1)).rejects.toThrow(/timeoutMs/);
    const waiting = client.getPubSubMessage();
    client.close();
    await expect(waiting).rejects.toThrow();
  });

  it("rejects a malformed pubsubSubscriptions option", async () => {
    await expect(
      GlideClient.createClient({
        addresses: [server.address],
        pubsubSubscriptions: { channelsAndPatterns: { [Exact]: ["x"] as unknown as Set<string> } },
      }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("times out a confirmation that cannot come", async () => {
    const fake = await FakeStandalone.start();
    const client = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
    });
    try {
      fake.blackhole(fake.port);
      await expect(client.subscribe(["never"], 50)).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      client.close();
      await fake.stop();
    }
  });
});

describe("Pub/Sub on the fake server", () => {
  it("authenticates the subscriber connection with the client's credentials", async () => {
    const fake = await FakeStandalone.start({ password: "secret" });
    const client = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
      credentials: { password: "secret" },
    });
    try {
      await client.subscribe(["guarded"], 2000);
      expect(await client.publish("in", "guarded")).toBe(1);
      expect((await client.getPubSubMessage()).message).toBe("in");
    } finally {
      client.close();
      await fake.stop();
    }
  });

  it("survives a killed connection: subscriptions come back and messages flow", async () => {
    const fake = await FakeStandalone.start();
    const received: PubSubMsg[] = [];
    const client = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
      pubsubSubscriptions: {
        channelsAndPatterns: { [Exact]: new Set(["alerts"]) },
        callback: (message) => received.push(message),
      },
    });
    try {
      fake.dropConnections();
      // The command connection was dropped too: publishing fails until it is back.
      await eventually(async () => (await client.publish("after", "alerts").catch(() => 0)) === 1);
      await eventually(() => received.some((message) => message.message === "after"));
      expect((await client.getSubscriptions()).actualSubscriptions[Exact]).toEqual(
        new Set(["alerts"]),
      );
      expect(received.every((message) => message.channel === "alerts")).toBe(true);
    } finally {
      client.close();
      await fake.stop();
    }
  });
});
