// The README's "add the fake cluster to your vitest suite" example, verbatim in spirit.

import { Cluster } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeCluster, keySlot, startCluster } from "../src/index.js";

let fake: FakeCluster;
beforeAll(async () => {
  fake = await startCluster({ shards: 3, replicas: 1 });
});
afterAll(() => fake.stop());

it("follows a slot migration", async () => {
  const client = new Cluster(fake.seeds);
  await client.set("{user:1}:name", "ada");
  const migration = fake.migrateSlot(keySlot("{user:1}"), 2, { keysPerStep: 1 });
  while (migration.phase !== "done") {
    migration.step(); // importing → migrating → moving… → done
    expect(await client.get("{user:1}:name")).toBe("ada");
  }
  expect(fake.commandCount("asking")).toBeGreaterThan(0); // ioredis followed ASK
  client.disconnect();
});
