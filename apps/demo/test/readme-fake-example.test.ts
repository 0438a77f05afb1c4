// The root README's "Use the fake cluster in your own tests" example, verbatim.

import { type FakeCluster, keySlot, startCluster } from "@petrel/fake-valkey";
import { GlideClusterClient } from "petrel";
import { afterAll, beforeAll, expect, it } from "vitest";

let fake: FakeCluster;
beforeAll(async () => {
  fake = await startCluster({ shards: 3, replicas: 1 });
});
afterAll(() => fake.stop());

it("keeps working through a slot migration and a failover", async () => {
  const client = await GlideClusterClient.createClient({ addresses: fake.seeds.slice(0, 1) });
  await client.set("{cart:7}:items", "3");
  const migration = fake.migrateSlot(keySlot("{cart:7}"), 2, { keysPerStep: 1 });
  while (migration.phase !== "done") {
    migration.step();
    expect(await client.get("{cart:7}:items")).toBe("3");
  }
  await fake.failover(fake.shardOfKey("{cart:7}:items"));
  expect(await client.incr("{cart:7}:items")).toBe(4);
  client.close();
});
