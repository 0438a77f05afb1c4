// Seed example 5: raiseOnError. With false, each failed command's RequestError is returned in
// its slot; with true, the first error is thrown (after redirects and retries).
// Expected pipeline results: ['OK', RequestError(WRONGTYPE …), 1, RequestError(ERR no such key)].
import { GlideClusterClient, RequestError } from "@petrel/client";
import { ClusterBatch } from "../src/index.js";

export async function raiseOnError(addresses: { host: string; port: number }[]): Promise<{
  pipeline: unknown[] | null;
  thrown: RequestError | undefined;
}> {
  const client = await GlideClusterClient.createClient({ addresses });
  // One hash tag: RENAME needs both keys in one slot.
  const key = "{raise-on-error}key";
  const key2 = "{raise-on-error}key2";
  try {
    const pipeline = await client.exec(
      new ClusterBatch(false).set(key, "hello").lpop(key).del([key]).rename(key, key2),
      false,
    );
    let thrown: RequestError | undefined;
    try {
      await client.exec(
        new ClusterBatch(true).set(key, "hello").lpop(key).del([key]).rename(key, key2),
        true,
      );
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      thrown = error;
    }
    return { pipeline, thrown };
  } finally {
    client.close();
  }
}
