// Sharded Pub/Sub on the fake cluster: SSUBSCRIBE on the slot owner, messages
// through getPubSubMessage or the callback, and resubscription on the new
// owner after a slot migration (the server's sunsubscribe push) or a failover.
// Exact and pattern subscriptions survive the loss of their node.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { ClusterPubSubChannelModes } from "../../src/cluster/sharded-pubsub-methods.js";
import type { GlideRecord, PubSubMsg } from "../../src/index.js";
import { PubSubChannelModes } from "../../src/pubsub/types.js";
import { clusterClient, fakeCluster, until } from "./helpers/fake-cluster.js";

describe("cluster sharded Pub/Sub", () => {
  it("configured sharded channels receive spublish, routed to the slot owner", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const received: PubSubMsg[] = [];
    const subscriber = await clusterClient(cluster, {
      pubsubSubscriptions: {
        channelsAndPatterns: { [ClusterPubSubChannelModes.Sharded]: new Set(["orders", "users"]) },
        callback: (message) => received.push(message),
      },
    });
    const publisher = await clusterClient(cluster);
    expect(await publisher.publish("o1", "orders", true)).toBe(1);
    expect(await publisher.publish("u1", "users", true)).toBe(1);
    await until(() => received.length === 2);
    expect(received.map((m) => [m.channel, m.message]).sort()).toEqual([
      ["orders", "o1"],
      ["users", "u1"],
    ]);
    const state = await subscriber.getSubscriptions();
    expect(state.actualSubscriptions[ClusterPubSubChannelModes.Sharded]).toEqual(
      new Set(["orders", "users"]),
    );
    expect((await publisher.pubsubShardChannels()).sort()).toEqual(["orders", "users"]);
    expect(await publisher.pubsubShardNumSub(["orders", "none"])).toEqual([
      { channel: "orders", numSub: 1 },
      { channel: "none", numSub: 0 },
    ]);
  });

  it("ssubscribe / sunsubscribe at run time, messages through getPubSubMessage", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const subscriber = await clusterClient(cluster);
    const publisher = await clusterClient(cluster);
    await subscriber.ssubscribe(["s:chan"], 2000);
    expect(await publisher.publish("hello", "s:chan", true)).toBe(1);
    expect(await subscriber.getPubSubMessage()).toMatchObject({
      channel: "s:chan",
      message: "hello",
    });
    await subscriber.sunsubscribe(null, 2000);
    expect(await publisher.publish("gone", "s:chan", true)).toBe(0);
    await expect(subscriber.ssubscribe("nope" as never, 100)).rejects.toThrow();
  });

  it("resubscribes on the new owner after the channel's slot migrates", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const subscriber = await clusterClient(cluster);
    const publisher = await clusterClient(cluster);
    const channel = "moving-channel";
    await subscriber.ssubscribe([channel], 2000);
    const slot = keySlot(channel);
    const to = (cluster.shardOfSlot(slot) + 1) % 3;
    const migration = cluster.migrateSlot(slot, to);
    await migration.run();
    expect(cluster.shardOfSlot(slot)).toBe(to);
    // The server's sunsubscribe push makes the client resubscribe on the new owner.
    await until(async () => (await publisher.publish("after", channel, true)) === 1);
    expect(await subscriber.getPubSubMessage()).toMatchObject({ channel, message: "after" });
  });

  it("resubscribes on the promoted replica after a failover", async () => {
    const cluster = await fakeCluster({ shards: 2, replicas: 1 });
    const subscriber = await clusterClient(cluster);
    const publisher = await clusterClient(cluster);
    const channel = "failover-channel";
    await subscriber.ssubscribe([channel], 2000);
    await cluster.failover(cluster.shardOfKey(channel), { kill: true });
    await until(async () => {
      try {
        return (await publisher.publish("after", channel, true)) === 1;
      } catch {
        return false;
      }
    }, 10_000);
    expect(await subscriber.getPubSubMessage()).toMatchObject({ channel, message: "after" });
  });

  it("exact and pattern subscriptions survive the loss of their node", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const subscriber = await clusterClient(cluster, {
      pubsubSubscriptions: {
        channelsAndPatterns: {
          [PubSubChannelModes.Exact]: new Set(["news"]),
          [PubSubChannelModes.Pattern]: new Set(["alerts:*"]),
        },
      },
    });
    const publisher = await clusterClient(cluster);
    // Find the primary serving the subscriber connection, then kill it (its replica takes over).
    let serving = -1;
    for (let shard = 0; shard < 3; shard++) {
      const node = cluster.primaryNode(shard);
      const counts = await publisher.customCommand(["PUBSUB", "NUMSUB", "news"], {
        route: { type: "routeByAddress", host: node.host, port: node.port },
      });
      if ((counts as GlideRecord<number>)[0]?.value === 1) serving = shard;
    }
    expect(serving).toBeGreaterThanOrEqual(0);
    await cluster.failover(serving, { kill: true });
    // Resubscribed on a live primary: some primary counts the subscriber again.
    await until(async () => {
      for (let shard = 0; shard < 3; shard++) {
        const node = cluster.primaryNode(shard);
        try {
          const counts = await publisher.customCommand(["PUBSUB", "NUMSUB", "news"], {
            route: { type: "routeByAddress", host: node.host, port: node.port },
          });
          if ((counts as GlideRecord<number>)[0]?.value === 1) return true;
        } catch {
          // The client may still be learning the new topology.
        }
      }
      return false;
    }, 10_000);
    await until(async () => {
      const state = await subscriber.getSubscriptions();
      return state.actualSubscriptions[PubSubChannelModes.Pattern]?.size === 1;
    });
    // A cluster forwards PUBLISH to every node, so any live node reaches the new subscriber.
    await publisher.publish("n1", "news");
    expect(await subscriber.getPubSubMessage()).toMatchObject({ channel: "news", message: "n1" });
    await publisher.publish("a1", "alerts:x");
    expect(await subscriber.getPubSubMessage()).toMatchObject({
      channel: "alerts:x",
      pattern: "alerts:*",
      message: "a1",
    });
  });
});
