// A standalone fake on a ManualClock for one suite: started before its tests,
// stopped after them, with raw connections closed after each test.

import { afterAll, beforeAll } from "vitest";
import { type FakeStandalone, ManualClock, startStandalone } from "../../src/index.js";
import type { RawClient } from "./raw-client.js";
import { rawClientsPerTest } from "./raw-clients-per-test.js";

export interface ManualClockStandalone {
  readonly clock: ManualClock;
  /** The running server (defined once the suite's beforeAll ran). */
  server(): FakeStandalone;
  open(): Promise<RawClient>;
}

export function manualClockStandalone(startMs?: number): ManualClockStandalone {
  const clock = new ManualClock(startMs);
  let server: FakeStandalone | undefined;
  const open = rawClientsPerTest(() => (server as FakeStandalone).port);
  beforeAll(async () => {
    server = await startStandalone({ clock });
  });
  afterAll(() => server?.stop());
  return { clock, server: () => server as FakeStandalone, open };
}
