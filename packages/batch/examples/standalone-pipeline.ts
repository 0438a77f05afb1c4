// Seed example 2: a standalone pipeline (no MULTI/EXEC), errors returned in place.
// Expected results: ['OK', 'OK', 'value1', 'value2'].
import { GlideClient } from "@petrel/client";
import { Batch, type BatchOptions } from "../src/index.js";

export async function standalonePipeline(
  addresses: { host: string; port: number }[],
): Promise<unknown[] | null> {
  const client = await GlideClient.createClient({ addresses });
  try {
    const options: BatchOptions = { timeout: 2000 };
    const pipeline = new Batch(false)
      .set("temp:key1", "value1")
      .set("temp:key2", "value2")
      .get("temp:key1")
      .get("temp:key2");
    return await client.exec(pipeline, false, options);
  } finally {
    client.close();
  }
}
