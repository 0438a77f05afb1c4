// Seed example 1: a standalone transaction (MULTI/EXEC) moving 50 between two accounts.
// Expected results: ['OK', 'OK', 50, 50, '50'].
import { GlideClient } from "@petrel/client";
import { Batch, type BatchOptions } from "../src/index.js";

export async function standaloneAtomic(
  addresses: { host: string; port: number }[],
): Promise<unknown[] | null> {
  const client = await GlideClient.createClient({ addresses });
  try {
    const options: BatchOptions = { timeout: 2000 };
    const atomicBatch = new Batch(true)
      .set("account:source", "100")
      .set("account:dest", "0")
      .incrBy("account:dest", 50)
      .decrBy("account:source", 50)
      .get("account:source");
    return await client.exec(atomicBatch, true, options);
  } finally {
    client.close();
  }
}
