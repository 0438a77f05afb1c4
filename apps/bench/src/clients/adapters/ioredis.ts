import { Redis } from "ioredis";
import type { BenchClient, ConnectClient } from "../bench-client.js";
import { ioredisApiBenchClient } from "./ioredis-api.js";

async function connectWith(
  address: Parameters<ConnectClient>[0],
  enableAutoPipelining: boolean,
): Promise<BenchClient> {
  // lazyConnect + connect() so the promise resolves only once the socket is ready.
  const client = new Redis({ ...address, lazyConnect: true, enableAutoPipelining });
  await client.connect();
  return ioredisApiBenchClient(client, false);
}

export const connect: ConnectClient = (address) => connectWith(address, false);

export const connectAutoPipelining: ConnectClient = (address) => connectWith(address, true);
