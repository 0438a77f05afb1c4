// Cluster Pub/Sub on the fake: exact channels and patterns, configured at
// creation or subscribed at run time, received whatever node publishes.
import { describe, expect, it } from "vitest";
import { ConfigurationError, GlideClusterClient } from "../../src/index.js";
import { PubSubChannelModes } from "../../src/pubsub/types.js";
import { clusterClient, fakeCluster } from "./helpers/fake-cluster.js";

describe("cluster Pub/Sub", () => {
  it("receives messages on configured channels, published through any node", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const subscriber = await clusterClient(cluster, {
      pubsubSubscriptions: {
        channelsAndPatterns: { [PubSubChannelModes.Exact]: new Set(["news"]) },
      },
    });
    const publisher = await clusterClient(cluster);
    for (const node of cluster.primaries) {
      await publisher.customCommand(["PUBLISH", "news", `from ${node.port}`], {
        route: { type: "routeByAddress", host: node.host, port: node.port },
      });
    }
    const received = [];
    for (let i = 0; i < 3; i++) received.push(await subscriber.getPubSubMessage());
    expect(received.map((message) => message.message).sort()).toEqual(
      cluster.primaries.map((node) => `from ${node.port}`).sort(),
    );
    expect(received.every((message) => message.channel === "news")).toBe(true);
  });

  it("subscribes patterns at run time", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const subscriber = await clusterClient(cluster);
    await subscriber.psubscribe(["alerts:*"], 2000);
    const publisher = await clusterClient(cluster);
    await publisher.publish("fire", "alerts:kitchen");
    const message = await subscriber.getPubSubMessage();
    expect(message).toMatchObject({
      message: "fire",
      channel: "alerts:kitchen",
      pattern: "alerts:*",
    });
  });

  it("refuses an unknown subscription mode in the configuration with a clear error", async () => {
    await expect(
      GlideClusterClient.createClient({
        addresses: [{ host: "127.0.0.1", port: 1 }],
        pubsubSubscriptions: { channelsAndPatterns: { 7: new Set(["s"]) } as never },
      }),
    ).rejects.toThrow(ConfigurationError);
  });
});
