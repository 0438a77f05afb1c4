// A real redis-server and @petrel/fake-valkey started for one suite, for suites that run the
// same cases on both: `targets[name]()` gives the addresses of either.
import { type FakeStandalone, startStandalone as startFake } from "@petrel/fake-valkey";
import { startStandalone } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import { afterAll, beforeAll } from "vitest";

/** The addresses of each server, by name; call during the suite (the servers start in beforeAll). */
export type StandaloneTargets = Record<
  "redis-server" | "fake",
  () => { host: string; port: number }[]
>;

/** Starts both servers for the calling suite and stops them after it. */
export function standaloneTargetsForSuite(): StandaloneTargets {
  const server = topologyForSuite(() => startStandalone());
  let fake: FakeStandalone | undefined;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(async () => {
    await fake?.stop();
  });
  return {
    "redis-server": () => server.description.addresses as { host: string; port: number }[],
    fake: () => [{ host: (fake as FakeStandalone).host, port: (fake as FakeStandalone).port }],
  };
}
