import { ClientSideCache, Decoder, GlideClient } from "@petrel/client";
import type { ConnectClient } from "../bench-client.js";
import { glideApiBenchClient, glideApiConfig } from "./glide-api.js";

export const connect: ConnectClient = async (address, options) => {
  // Registered only when asked for, so the other workloads never load a codec.
  if (options?.compression) await import("@petrel/compression/register");
  const client = await GlideClient.createClient({
    ...glideApiConfig(address, options),
    ...(options?.replyBytes ? { defaultDecoder: Decoder.Bytes } : {}),
    // 64 MiB: the whole keyspace fits, so the measured GETs are hits.
    ...(options?.clientSideCache
      ? { clientSideCache: ClientSideCache.create(64 * 1024, 0, { serverAssisted: true }) }
      : {}),
  });
  // Batch is imported on first use, so the cold-start workload times @petrel/client alone.
  const newBatch = async () => new (await import("@petrel/batch")).Batch(false);
  return glideApiBenchClient(client, newBatch, false);
};
