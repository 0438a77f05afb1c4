// Seed example 6: why retryServerError may reorder commands. While the slot of `key` migrates,
// MGET key {key}:1 and SET key are both sent to the target with ASK. There the multi-key MGET
// gets TRYAGAIN (not all its keys have arrived) while SET runs at once; the MGET retried after
// the slot settled then sees SET's value: [['value', null], 'OK'] instead of [[null, null], 'OK'].
// Reproduced on @petrel/fake-valkey, which can stop a migration in any phase.
import { GlideClusterClient } from "@petrel/client";
import { keySlot, startCluster } from "@petrel/fake-valkey";
import { ClusterBatch } from "../src/index.js";

export async function migratingSlot(): Promise<unknown[] | null> {
  const cluster = await startCluster({ shards: 3 });
  const client = await GlideClusterClient.createClient({
    addresses: cluster.seeds,
    periodicChecks: "disabled",
  });
  try {
    const slot = keySlot("key");
    const target = (cluster.shardOfSlot(slot) + 1) % 3;
    const migration = cluster.migrateSlot(slot, target);
    migration.step(); // the target imports the slot
    migration.step(); // the source migrates it: missing keys get ASK
    const pipeline = new ClusterBatch(false).mget(["key", "{key}:1"]).set("key", "value");
    const running = client.exec(pipeline, false, {
      timeout: 5000,
      retryStrategy: { retryServerError: true, retryConnectionError: false },
    });
    // Once SET ran on the target, finish the migration: MGET's retry then succeeds there.
    const deadline = Date.now() + 5000;
    while (cluster.commandCount("set", cluster.primaryNode(target)) === 0) {
      if (Date.now() > deadline) throw new Error("SET never reached the importing node");
      await new Promise((resolve) => setImmediate(resolve));
    }
    migration.run();
    return await running;
  } finally {
    client.close();
    await cluster.stop();
  }
}
