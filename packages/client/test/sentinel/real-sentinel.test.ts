// Sentinel against real servers: redis-sentinel watching 1 primary and 2
// replicas, 3 sentinels, down-after-milliseconds 1000. Each failover test has
// its own topology, since a failover changes it for good.
import {
  findServerBinaries,
  type RunningTopology,
  startSentinel,
  withAdminConnection,
} from "@petrel/test-servers";
import { afterEach, describe, expect, it } from "vitest";
import { GlideClient, type GlideClientConfiguration } from "../../src/index.js";
import { countersFor, sentinelOracle, until } from "./oracle.js";

const topologies: RunningTopology[] = [];
const clients: GlideClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(topologies.splice(0).map((topology) => topology.stop()));
});

async function topology(): Promise<RunningTopology> {
  const started = await startSentinel({ primaryName: "petrel" });
  topologies.push(started);
  return started;
}

async function client(
  running: RunningTopology,
  config: Partial<GlideClientConfiguration> = {},
): Promise<GlideClient> {
  const created = await GlideClient.createClient({
    sentinel: { primaryName: "petrel", sentinels: running.description.addresses },
    requestTimeout: 3000,
    connectionBackoff: { numberOfRetries: 3, factor: 50, exponentBase: 2 },
    ...config,
  });
  clients.push(created);
  return created;
}

function sentinelCall(running: RunningTopology, ...args: string[]) {
  return withAdminConnection(running.processes[3]!.admin, (connection) => connection.call(...args));
}

async function currentPrimaryPort(running: RunningTopology): Promise<number> {
  const reply = await sentinelCall(running, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "petrel");
  return Number((reply as string[])[1]);
}

async function serverPort(client: GlideClient): Promise<number> {
  const info = String(await client.info());
  return Number(/tcp_port:(\d+)/.exec(info)?.[1]);
}

describe.runIf(findServerBinaries() !== undefined)("Sentinel on real servers", () => {
  it("finds the primary the sentinels name and writes to it", async () => {
    const running = await topology();
    const glide = await client(running);
    expect(await glide.set("k", "v")).toBe("OK");
    expect(await serverPort(glide)).toBe(running.description.nodes[0]!.port);
  }, 60_000);

  it("SENTINEL FAILOVER under load: no acknowledged write lost, every call settles", async () => {
    await failoverUnderLoad(
      "failover",
      async (running) => {
        expect(await sentinelCall(running, "SENTINEL", "FAILOVER", "petrel")).toBe("OK");
      },
      2,
    );
  }, 90_000);

  it("SIGKILL of the primary under load: writes resume on the promoted replica", async () => {
    // The promoted replica has one replica left.
    await failoverUnderLoad("kill", (running) => running.processes[0]!.kill(), 1);
  }, 90_000);
});

/**
 * The oracle on 100 counters at concurrency 50 while `trigger` makes the sentinels fail over
 * (writes then count once `replicasAfter` replicas of the new primary have them):
 * no acknowledged write lost or duplicated, every call settled, the client on the new primary.
 */
async function failoverUnderLoad(
  prefix: string,
  trigger: (running: RunningTopology) => Promise<void>,
  replicasAfter: number,
): Promise<void> {
  const running = await topology();
  const glide = await client(running);
  const run = sentinelOracle(glide, countersFor(100, prefix), 50, 2);
  await until(() => run.report.acknowledged > 500);
  const before = await currentPrimaryPort(running);
  await trigger(running);
  await primaryOtherThan(running, before);
  run.replicas = replicasAfter;
  const acknowledgedAtSwitch = run.report.acknowledged;
  await until(() => run.report.acknowledged > acknowledgedAtSwitch + 1000, 30_000);
  const report = await run.stop();
  expect(report).toMatchObject({ lost: 0, duplicated: 0, unsettled: 0 });
  // Not the first primary the sentinels named: a failover attempt that times out is retried
  // and may promote the other replica. The client must be on the one they name now.
  const settled = await currentPrimaryPort(running);
  expect(settled).not.toBe(before);
  expect(await serverPort(glide)).toBe(settled);
}

/** Polls the sentinels until they name a primary other than `port`; returns its port. */
async function primaryOtherThan(running: RunningTopology, port: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await currentPrimaryPort(running);
    if (current !== port) return current;
    if (Date.now() > deadline) throw new Error("the sentinels did not fail over within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
