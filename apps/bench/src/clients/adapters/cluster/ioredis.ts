import { Cluster } from "ioredis";
import type { ConnectClient } from "../../bench-client.js";
import { ioredisApiBenchClient } from "../ioredis-api.js";

export const connect: ConnectClient = async (address) => {
  // lazyConnect + connect() so the promise resolves only once the slot map is loaded.
  const client = new Cluster([address], { lazyConnect: true });
  await client.connect();
  return ioredisApiBenchClient(client, true);
};
