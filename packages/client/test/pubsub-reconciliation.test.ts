// `advancedConfiguration.pubsubReconciliationIntervalMs` and getStatistics()'
// subscription counters: a subscription the client believes lost (the server
// told it so) is found by the periodic check, counted, and subscribed again.
import { startStandalone, until } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { GlideClient, type PubSubMsg, resolveConfig } from "../src/index.js";

describe("Pub/Sub reconciliation", () => {
  it("takes a positive interval, 3000 ms by default", () => {
    const addresses = [{ host: "127.0.0.1", port: 1 }];
    expect(resolveConfig({ addresses }).pubsubReconciliationIntervalMs).toBe(3000);
    expect(() =>
      resolveConfig({ addresses, advancedConfiguration: { pubsubReconciliationIntervalMs: 0 } }),
    ).toThrow("advancedConfiguration.pubsubReconciliationIntervalMs must be an integer");
  });

  it("re-subscribes what the server dropped, and counts it in getStatistics()", async () => {
    const fake = await startStandalone();
    const received: string[] = [];
    const subscriber = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
      pubsubSubscriptions: {
        channelsAndPatterns: { 0: new Set(["news"]) },
        callback: (message: PubSubMsg) => received.push(String(message.message)),
      },
      advancedConfiguration: { pubsubReconciliationIntervalMs: 50 },
    });
    const publisher = await GlideClient.createClient({
      addresses: [{ host: fake.host, port: fake.port }],
    });
    try {
      await until(() => Number(subscriber.getStatistics().subscription_last_sync_timestamp) > 0);
      const before = Number(subscriber.getStatistics().subscription_out_of_sync_count);
      const subscribes = fake.commandCount("subscribe");
      // The server says the subscription is gone (as after a slot move or a server-side kill
      // of the subscription): the client's actual state loses it.
      fake.sendFrame(fake.primary, {
        type: "push",
        value: [
          { type: "bulk", value: "unsubscribe" },
          { type: "bulk", value: "news" },
          { type: "integer", value: 0 },
        ],
      });
      await until(
        () => Number(subscriber.getStatistics().subscription_out_of_sync_count) > before,
        5000,
      );
      await until(() => fake.commandCount("subscribe") > subscribes, 5000);
      await until(async () => {
        const state = await subscriber.getSubscriptions();
        return state.actualSubscriptions[0]?.has("news") === true;
      }, 5000);
      const synced = Number(subscriber.getStatistics().subscription_last_sync_timestamp);
      await until(
        () => Number(subscriber.getStatistics().subscription_last_sync_timestamp) > synced,
        5000,
      );
      await publisher.publish("after", "news");
      await until(() => received.includes("after"), 5000);
    } finally {
      subscriber.close();
      publisher.close();
      await fake.stop();
    }
  });
});
