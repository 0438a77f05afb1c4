// updateConnectionPassword(…, true) reaches the Pub/Sub subscriber connections:
// AUTH in place on RESP3, a reconnect on RESP2 (a subscribed RESP2 connection
// may not send AUTH). Proven by killing the subscriber afterwards: it only comes
// back, and keeps delivering, if it holds the new password.
import {
  type FakeCluster,
  type FakeNode,
  FakeStandalone,
  keyOnShard,
  type SessionState,
  until,
} from "@petrel/fake-valkey";
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ClusterPubSubChannelModes } from "../src/cluster/sharded-pubsub-methods.js";
import {
  GlideClient,
  type GlideClusterClient,
  ProtocolVersion,
  type PubSubMsg,
  RequestError,
  TimeoutError,
} from "../src/index.js";
import { PubSubChannelModes } from "../src/pubsub/types.js";
import { clusterClient, fakeCluster } from "./cluster/helpers/fake-cluster.js";
import { bulk, defaultAnswer, type Script, ScriptedServer } from "./helpers/scripted-server.js";

const PROTOCOLS = [
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
] as const;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Publishes `message` until the subscriber's callback saw it (it may be resubscribing). */
async function publishUntilReceived(
  publish: () => Promise<unknown>,
  received: string[],
  message: string,
): Promise<void> {
  await until(async () => {
    if (received.includes(message)) return true;
    await publish();
    return received.includes(message);
  });
}

function sessionWith(
  nodes: readonly FakeNode[],
  has: (state: SessionState) => boolean,
): SessionState | undefined {
  for (const node of nodes) {
    const found = node.connectionStates().find(has);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe.each(PROTOCOLS)(
  "standalone subscriber re-authentication on the fake (%s)",
  (_, protocol) => {
    async function setup() {
      const fake = await FakeStandalone.start({ password: "first" });
      cleanups.push(() => fake.stop());
      const received: string[] = [];
      const connect = (subscriptions: boolean) =>
        GlideClient.createClient({
          addresses: [{ host: fake.host, port: fake.port }],
          protocol,
          credentials: { password: "first" },
          ...(subscriptions
            ? {
                pubsubSubscriptions: {
                  channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["news"]) },
                  callback: (message: PubSubMsg) => received.push(String(message.message)),
                },
              }
            : {}),
        });
      const subscriber = await connect(true);
      cleanups.push(() => subscriber.close());
      const publisher = await connect(false);
      cleanups.push(() => publisher.close());
      const subscriberSession = () =>
        sessionWith(fake.nodes, (state) => state.channels.includes("news"));
      const publish = (message: string) => () => publisher.publish(message, "news");
      return { fake, received, subscriber, publisher, subscriberSession, publish };
    }

    it("re-authenticates the subscriber now, which then survives a kill with the new password", async () => {
      const { fake, received, subscriber, publisher, subscriberSession, publish } = await setup();
      const before = subscriberSession();
      expect(before).toBeDefined();
      fake.setPassword("second");
      expect(await subscriber.updateConnectionPassword("second", true)).toBe("OK");
      if (protocol === ProtocolVersion.RESP3) {
        // AUTH sent on the same connection, no reconnect.
        const after = subscriberSession();
        expect(after?.id).toBe(before?.id);
        expect(after?.commands.get("auth")).toBe(1);
      } else {
        // Reconnected at once: a new connection, authenticated by its handshake, resubscribed.
        await until(() => {
          const after = subscriberSession();
          return after !== undefined && after.id !== before?.id;
        });
        expect(subscriberSession()?.commands.get("auth")).toBe(1);
      }
      await publishUntilReceived(publish("after-update"), received, "after-update");

      const current = subscriberSession();
      await publisher.customCommand(["CLIENT", "KILL", "ID", String(current?.id)]);
      await until(() => {
        const next = subscriberSession();
        return next !== undefined && next.id !== current?.id;
      });
      await publishUntilReceived(publish("after-kill"), received, "after-kill");
      expect(subscriberSession()?.authenticated).toBe(true);
    });

    it("rejects a wrong password with WRONGPASS and keeps the subscriber delivering", async () => {
      const { received, subscriber, subscriberSession, publish } = await setup();
      const before = subscriberSession();
      const error = await subscriber
        .updateConnectionPassword("wrong", true)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestError);
      expect((error as Error).message).toMatch(/^WRONGPASS/);
      // RESP2 subscribers reconnect only once the command connections accepted the password.
      expect(subscriberSession()?.id).toBe(before?.id);
      await publishUntilReceived(publish("still-here"), received, "still-here");
    });
  },
);

describe("subscriber AUTH reply routing (scripted server, RESP3)", () => {
  const subscribedBefore = (commands: string[][]) =>
    commands.some((command) => command[0]?.toUpperCase() === "SUBSCRIBE");
  // The subscriber's PING is answered after an error left by an earlier subscription
  // command, and its AUTH after a message push: neither may be taken for AUTH's reply.
  const script: Script = (args, connection) => {
    const name = (args[0] ?? "").toUpperCase();
    if (name === "SUBSCRIBE") return `>3\r\n${bulk("subscribe")}${bulk(args[1] ?? "")}:1\r\n`;
    if (!subscribedBefore(connection.commands.slice(0, -1))) return defaultAnswer(args);
    if (name === "PING") return "-NOPERM No permissions to access a channel\r\n+PONG\r\n";
    if (name === "AUTH") {
      if (args[1] === "silent") return "silence";
      const push = `>3\r\n${bulk("message")}${bulk("news")}${bulk(`during-${args[1]}`)}`;
      const reply =
        args[1] === "wrong"
          ? "-WRONGPASS invalid username-password pair or user is disabled.\r\n"
          : "+OK\r\n";
      return push + reply;
    }
    return defaultAnswer(args);
  };

  let server: ScriptedServer;
  beforeAll(async () => {
    server = await ScriptedServer.start(script);
  });
  afterAll(async () => {
    await server.stop();
  });

  it("routes the reply to the waiter, delivers pushes, and rejects on the subscriber's WRONGPASS", async () => {
    const received: string[] = [];
    const client = await GlideClient.createClient({
      addresses: [server.address],
      credentials: { password: "first" },
      pubsubSubscriptions: {
        channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["news"]) },
        callback: (message) => received.push(String(message.message)),
      },
    });
    cleanups.push(() => client.close());
    expect(await client.updateConnectionPassword("second", true)).toBe("OK");
    expect(received).toEqual(["during-second"]);
    const subscriberConnections = server.connections.filter((c) => subscribedBefore(c.commands));
    expect(subscriberConnections).toHaveLength(1);
    expect(subscriberConnections[0]?.commands.slice(-2)).toEqual([["PING"], ["AUTH", "second"]]);

    // Only the subscriber refuses "wrong": the command connections answer OK.
    const error = await client.updateConnectionPassword("wrong", true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toBe(
      "WRONGPASS invalid username-password pair or user is disabled.",
    );
    expect(received).toEqual(["during-second", "during-wrong"]);
    expect(server.connections.filter((c) => subscribedBefore(c.commands))).toHaveLength(1);
  });
});

describe("subscriber AUTH timeout (scripted server, RESP3)", () => {
  it("rejects with TimeoutError and replaces the subscriber connection", async () => {
    const server = await ScriptedServer.start((args, connection) => {
      const name = (args[0] ?? "").toUpperCase();
      if (name === "SUBSCRIBE") return `>3\r\n${bulk("subscribe")}${bulk(args[1] ?? "")}:1\r\n`;
      const subscribed = connection.commands.some((command) => command[0] === "SUBSCRIBE");
      return subscribed && name === "AUTH" ? "silence" : defaultAnswer(args);
    });
    cleanups.push(() => server.stop());
    const client = await GlideClient.createClient({
      addresses: [server.address],
      requestTimeout: 200,
      pubsubSubscriptions: {
        channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["news"]) },
      },
    });
    cleanups.push(() => client.close());
    const subscribers = () =>
      server.connections.filter((c) => c.commands.some((command) => command[0] === "SUBSCRIBE"));
    const [first] = subscribers();
    const error = await client.updateConnectionPassword("silent", true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    await until(() => first?.socket.destroyed === true);
    // The fresh connection authenticates in its handshake with the new password.
    await until(() => subscribers().length === 2);
    expect(subscribers()[1]?.commands[0]).toEqual(["HELLO", "3", "AUTH", "default", "silent"]);
  });
});

describe("credentials provider refresh on the fake (RESP3)", () => {
  it("refreshIamToken re-authenticates the subscriber in place", async () => {
    const fake = await FakeStandalone.start({ password: "first" });
    cleanups.push(() => fake.stop());
    let password = "first";
    const client = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
      credentialsProvider: {
        getCredentials: async () => ({ password }),
        refreshCredentials: async () => ({ password }),
      },
      pubsubSubscriptions: {
        channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["news"]) },
      },
    });
    cleanups.push(() => client.close());
    const subscriberSession = () =>
      sessionWith(fake.nodes, (state) => state.channels.includes("news"));
    const before = subscriberSession();
    fake.setPassword("second");
    password = "second";
    expect(await client.refreshIamToken()).toBe("OK");
    expect(subscriberSession()?.id).toBe(before?.id);
    expect(subscriberSession()?.commands.get("auth")).toBe(1);
  });
});

describe.each(PROTOCOLS)("cluster subscriber re-authentication on the fake (%s)", (_, protocol) => {
  it("re-authenticates the sharded and exact subscribers, which survive a kill", async () => {
    const cluster: FakeCluster = await fakeCluster({ shards: 2, password: "first" });
    const shardChannels = [keyOnShard(cluster, 0, "orders"), keyOnShard(cluster, 1, "users")];
    const received: string[] = [];
    const subscriber: GlideClusterClient = await clusterClient(cluster, {
      protocol,
      credentials: { password: "first" },
      pubsubSubscriptions: {
        channelsAndPatterns: {
          [ClusterPubSubChannelModes.Sharded]: new Set(shardChannels),
          [ClusterPubSubChannelModes.Exact]: new Set(["news"]),
        },
        callback: (message) => received.push(String(message.message)),
      },
    });
    const publisher = await clusterClient(cluster, {
      protocol,
      credentials: { password: "first" },
    });
    const subscriberSessions = () =>
      cluster.nodes.flatMap((node) =>
        node
          .connectionStates()
          .filter((state) => state.shardChannels.length > 0 || state.channels.includes("news")),
      );
    const before = subscriberSessions();
    expect(before).toHaveLength(3);

    cluster.setPassword("second");
    expect(await subscriber.updateConnectionPassword("second", true)).toBe("OK");
    if (protocol === ProtocolVersion.RESP3) {
      const after = subscriberSessions();
      expect(after.map((state) => state.id).sort()).toEqual(before.map((state) => state.id).sort());
      for (const state of after) expect(state.commands.get("auth")).toBe(1);
    } else {
      const beforeIds = new Set(before.map((state) => state.id));
      await until(() => {
        const after = subscriberSessions();
        return after.length === 3 && after.every((state) => !beforeIds.has(state.id));
      });
    }

    for (const node of cluster.nodes) {
      for (const session of node.sessionList()) {
        const state = session.state();
        if (state.shardChannels.length > 0 || state.channels.includes("news")) session.close();
      }
    }
    for (const [index, channel] of shardChannels.entries()) {
      const message = `sharded-${index}`;
      await publishUntilReceived(
        () => publisher.publish(message, channel, true),
        received,
        message,
      );
    }
    await publishUntilReceived(() => publisher.publish("exact", "news"), received, "exact");
  });
});

describe("subscriber re-authentication on a real server", () => {
  let server: RunningTopology;
  let address: { host: string; port: number };

  beforeAll(async () => {
    server = await startStandalone({ password: "first-password" });
    address = server.description.addresses[0] as { host: string; port: number };
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** CLIENT LIST lines of the connections subscribed to one channel. */
  async function subscriberLines(admin: GlideClient): Promise<Map<string, string>> {
    const list = String(await admin.customCommand(["CLIENT", "LIST"]));
    const lines = new Map<string, string>();
    for (const line of list.split("\n")) {
      const id = /^id=(\d+) /.exec(line)?.[1];
      if (id !== undefined && / sub=1 /.test(line)) lines.set(id, line);
    }
    return lines;
  }

  it.each(PROTOCOLS)(
    "%s: the subscriber holds the new password after a kill",
    async (_, protocol) => {
      const received: string[] = [];
      const channel = `reauth-${protocol}`;
      const subscriber = await GlideClient.createClient({
        addresses: [address],
        protocol,
        credentials: { password: "first-password" },
        pubsubSubscriptions: {
          channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set([channel]) },
          callback: (message) => received.push(String(message.message)),
        },
      });
      cleanups.push(() => subscriber.close());
      const admin = await GlideClient.createClient({
        addresses: [address],
        credentials: { password: "first-password" },
      });
      cleanups.push(() => admin.close());
      cleanups.push(() => admin.customCommand(["CONFIG", "SET", "requirepass", "first-password"]));
      const before = [...(await subscriberLines(admin)).keys()];
      expect(before).toHaveLength(1);

      await admin.customCommand(["CONFIG", "SET", "requirepass", "second-password"]);
      expect(await subscriber.updateConnectionPassword("second-password", true)).toBe("OK");
      if (protocol === ProtocolVersion.RESP3) {
        const after = await subscriberLines(admin);
        expect([...after.keys()]).toEqual(before);
        expect(after.get(before[0] as string)).toMatch(/ cmd=auth /);
      } else {
        await until(async () => {
          const after = [...(await subscriberLines(admin)).keys()];
          return after.length === 1 && after[0] !== before[0];
        });
      }
      const publish = (message: string) => () => admin.publish(message, channel);
      await publishUntilReceived(publish("after-update"), received, "after-update");

      const [current] = [...(await subscriberLines(admin)).keys()];
      await admin.customCommand(["CLIENT", "KILL", "ID", String(current)]);
      await until(async () => {
        const next = [...(await subscriberLines(admin)).keys()];
        return next.length === 1 && next[0] !== current;
      });
      await publishUntilReceived(publish("after-kill"), received, "after-kill");

      await expect(subscriber.updateConnectionPassword("wrong", true)).rejects.toThrow(/WRONGPASS/);
    },
  );
});
