// A suite that runs the same ioredis and node-redis calls against the fake
// and against redis-server: what each client returns (its own parsing of the
// replies) must be the same on both.

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";

export interface PeerScenarios {
  /** The calls through ioredis; returns what it read. */
  readonly ioredis: (port: number) => Promise<unknown[]>;
  /** The calls through node-redis on a protocol version; returns what it read. */
  readonly nodeRedis: (port: number, resp: 2 | 3) => Promise<unknown[]>;
}

/** Declares the suite: ioredis once, node-redis on RESP2 and RESP3, fake against real. */
export function peersSuite(title: string, scenarios: PeerScenarios): void {
  describe(title, () => {
    let fake: FakeStandalone;
    let real: Awaited<ReturnType<typeof startRealStandalone>>;
    beforeAll(async () => {
      [fake, real] = await Promise.all([startStandalone(), startRealStandalone({})]);
    }, 30_000);
    afterAll(async () => {
      await fake?.stop();
      await real?.stop();
    });
    const realPort = () => real.description.addresses[0]?.port as number;

    it("ioredis", async () => {
      const onFake = await scenarios.ioredis(fake.port);
      expect(onFake.length).toBeGreaterThan(0);
      expect(onFake).toEqual(await scenarios.ioredis(realPort()));
    });

    it.each([2, 3] as const)("node-redis on RESP%i", async (resp) => {
      const onFake = await scenarios.nodeRedis(fake.port, resp);
      expect(onFake.length).toBeGreaterThan(0);
      expect(onFake).toEqual(await scenarios.nodeRedis(realPort(), resp));
    });
  });
}
