import { ClusterBatch, GlideClusterClient } from "@valkey/valkey-glide";
import type { ConnectClient } from "../../bench-client.js";
import { glideApiBenchClient, glideApiConfig } from "../glide-api.js";

// GLIDE splits a cross-slot MGET by slot itself.
export const connect: ConnectClient = async (address) => {
  const client = await GlideClusterClient.createClient(glideApiConfig(address));
  return glideApiBenchClient(client, () => new ClusterBatch(false), true);
};
