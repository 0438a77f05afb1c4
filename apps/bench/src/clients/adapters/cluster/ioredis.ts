import { Cluster } from "ioredis";
import type { BenchClient, ConnectClient, ServerAddress } from "../../bench-client.js";
import { ioredisApiBenchClient } from "../ioredis-api.js";

async function connectWith(
  address: ServerAddress,
  enableAutoPipelining: boolean,
): Promise<BenchClient> {
  // lazyConnect + connect() so the promise resolves only once the slot map is loaded.
  const client = new Cluster([address], { lazyConnect: true, enableAutoPipelining });
  await client.connect();
  return ioredisApiBenchClient(client, true);
}

export const connect: ConnectClient = (address) => connectWith(address, false);

/** ioredis' strongest cluster setting: a tick's commands per node in one pipeline. */
export const connectAutoPipelining: ConnectClient = (address) => connectWith(address, true);
