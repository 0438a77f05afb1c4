// Raw connections a suite's tests open, all closed after each test so that
// none outlives the test that opened it.
import { afterEach } from "vitest";
import { RawClient } from "./raw-client.js";

/** Registers the closing afterEach; returns `open(port)`, or `open()` on the port `portOf` names. */
export function rawClientsPerTest(): (port: number) => Promise<RawClient>;
export function rawClientsPerTest(portOf: () => number): () => Promise<RawClient>;
export function rawClientsPerTest(portOf?: () => number): (port?: number) => Promise<RawClient> {
  const clients: RawClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  return async (port = portOf?.()) => {
    if (port === undefined) throw new Error("open() needs a port: this suite has no default one");
    const client = await RawClient.connect(port);
    clients.push(client);
    return client;
  };
}
