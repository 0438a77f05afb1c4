// Seed example 3: a cluster transaction; every key is in one slot.
// Expected results: ['OK', 6, '6'].
import { GlideClusterClient } from "@petrel/client";
import { ClusterBatch, type ClusterBatchOptions } from "../src/index.js";

export async function clusterAtomic(
  addresses: { host: string; port: number }[],
): Promise<unknown[] | null> {
  const client = await GlideClusterClient.createClient({ addresses });
  try {
    const options: ClusterBatchOptions = { timeout: 3000 };
    const atomicClusterBatch = new ClusterBatch(true)
      .set("user:100:visits", "1")
      .incrBy("user:100:visits", 5)
      .get("user:100:visits");
    return await client.exec(atomicClusterBatch, true, options);
  } finally {
    client.close();
  }
}
