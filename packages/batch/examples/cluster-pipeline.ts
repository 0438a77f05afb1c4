// Seed example 4: a cluster pipeline across slots. It is split into one sub-pipeline per
// node, sent in parallel, and the results come back in the batch's order.
// Expected results: ['OK', 125, '125', 1, 2, ['user2', 'user1']].
import { GlideClusterClient } from "@petrel/client";
import { ClusterBatch, type ClusterBatchOptions } from "../src/index.js";

export async function clusterPipeline(
  addresses: { host: string; port: number }[],
): Promise<unknown[] | null> {
  const client = await GlideClusterClient.createClient({ addresses });
  try {
    await client.del(["recent:logins"]);
    const options: ClusterBatchOptions = {
      timeout: 5000,
      // A connection error re-sends that node's commands (which may then run twice).
      retryStrategy: { retryServerError: false, retryConnectionError: true },
    };
    const pipeline = new ClusterBatch(false)
      .set("page:home:views", "100")
      .incrBy("page:home:views", 25)
      .get("page:home:views")
      .lpush("recent:logins", ["user1"])
      .lpush("recent:logins", ["user2"])
      .lrange("recent:logins", 0, 1);
    return await client.exec(pipeline, false, options);
  } finally {
    client.close();
  }
}
