import { Valkey } from "iovalkey";
import type { ConnectClient } from "../bench-client.js";
import { ioredisApiBenchClient } from "./ioredis-api.js";

export const connect: ConnectClient = async (address) => {
  // lazyConnect + connect() so the promise resolves only once the socket is ready.
  const client = new Valkey({ ...address, lazyConnect: true });
  await client.connect();
  return ioredisApiBenchClient(client, false);
};
