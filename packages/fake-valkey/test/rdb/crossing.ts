// What the DUMP/RESTORE crossing suites share: a fake and a redis-server 7.0
// with a raw client on each, started before the suite and stopped after it,
// and the payload a DUMP reply carries.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, expect } from "vitest";
import { startStandalone } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";

/** The two clients, set once the suite's servers are up. */
export interface Crossing {
  onFake: RawClient;
  onReal: RawClient;
}

/** Starts both servers for the calling suite and stops them after it. */
export function crossingServers(): Crossing {
  const crossing = {} as Crossing;
  const stops: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    const fake = await startStandalone({});
    stops.push(() => fake.stop());
    const real = await startRealStandalone({});
    stops.push(() => real.stop());
    crossing.onFake = await RawClient.connect(fake.port);
    stops.push(() => crossing.onFake.close());
    crossing.onReal = await RawClient.connect(real.description.addresses[0]?.port as number);
    stops.push(() => crossing.onReal.close());
  });
  afterAll(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  return crossing;
}

/** The payload of a DUMP reply. */
export function payloadOf(reply: WireFrame): Buffer {
  expect(typeof reply).toBe("string");
  return Buffer.from(String(reply).slice(1), "latin1");
}
