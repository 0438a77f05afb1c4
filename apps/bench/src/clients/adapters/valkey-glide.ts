import { Batch, GlideClient } from "@valkey/valkey-glide";
import type { ConnectClient } from "../bench-client.js";
import { glideApiBenchClient, glideApiConfig } from "./glide-api.js";

export const connect: ConnectClient = async (address, options) => {
  const client = await GlideClient.createClient(glideApiConfig(address, options));
  return glideApiBenchClient(client, () => new Batch(false), false);
};
