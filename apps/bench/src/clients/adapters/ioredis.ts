import { Redis } from "ioredis";
import type { BenchClient, ConnectClient, ConnectOptions } from "../bench-client.js";
import { ioredisApiBenchClient } from "./ioredis-api.js";

async function connectWith(
  address: Parameters<ConnectClient>[0],
  enableAutoPipelining: boolean,
  options: ConnectOptions | undefined,
): Promise<BenchClient> {
  // lazyConnect + connect() so the promise resolves only once the socket is ready.
  const client = new Redis({ ...address, lazyConnect: true, enableAutoPipelining });
  await client.connect();
  return ioredisApiBenchClient(client, false, options?.replyBytes === true);
}

export const connect: ConnectClient = (address, options) => connectWith(address, false, options);

export const connectAutoPipelining: ConnectClient = (address, options) =>
  connectWith(address, true, options);
