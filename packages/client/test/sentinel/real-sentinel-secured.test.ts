// Sentinel against real servers that require TLS and passwords: the data nodes
// and the sentinels serve TLS only and have passwords of their own. One
// topology serves every case; the failover case runs last, since it moves the primary.
import {
  findServerBinaries,
  type RunningTopology,
  startSentinel,
  withAdminConnection,
} from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GlideClientConfiguration as Config,
  ConnectionError,
  GlideClient,
  type GlideClientConfiguration,
} from "../../src/index.js";
import { until } from "./oracle.js";

const DATA_PASSWORD = "data-secret";
const SENTINEL_PASSWORD = "sentinel-secret";

describe.runIf(findServerBinaries() !== undefined)("Sentinel with TLS and passwords", () => {
  let running: RunningTopology;
  const clients: GlideClient[] = [];

  beforeAll(async () => {
    running = await startSentinel({
      primaryName: "secured",
      tls: true,
      password: DATA_PASSWORD,
      sentinelPassword: SENTINEL_PASSWORD,
      startDeadlineMs: 60_000,
    });
  }, 90_000);

  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await running?.stop();
  });

  /** A client of the sentinels' primary: TLS to every node, the sentinels' own password. */
  async function client(
    sentinelPassword = SENTINEL_PASSWORD,
    config: Partial<GlideClientConfiguration> = {},
  ): Promise<GlideClient> {
    const created = await GlideClient.createClient({
      sentinel: {
        primaryName: "secured",
        sentinels: running.description.addresses,
        credentials: { password: sentinelPassword },
        useTLS: true,
      },
      useTLS: true,
      credentials: { password: DATA_PASSWORD },
      advancedConfiguration: {
        connectionTimeout: 2000,
        tlsAdvancedConfiguration: { rootCertificates: running.description.tls!.caCertPem },
      },
      requestTimeout: 3000,
      ...config,
    });
    clients.push(created);
    return created;
  }

  /** A plain client of one data node, for publishing there. */
  async function nodeClient(port: number): Promise<GlideClient> {
    const created = await GlideClient.createClient({
      addresses: [{ host: "127.0.0.1", port }],
      useTLS: true,
      credentials: { password: DATA_PASSWORD },
      advancedConfiguration: {
        tlsAdvancedConfiguration: { rootCertificates: running.description.tls!.caCertPem },
      },
      // The machine may be loaded: the default 250 ms is too tight for a test.
      requestTimeout: 3000,
    });
    clients.push(created);
    return created;
  }

  const sentinelAdmin = () => running.processes[3]!.admin;

  async function primaryPort(): Promise<number> {
    const reply = await withAdminConnection(sentinelAdmin(), (connection) =>
      connection.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "secured"),
    );
    return Number((reply as string[])[1]);
  }

  it("reaches the primary through TLS sentinels with sentinel.credentials and useTLS", async () => {
    const glide = await client();
    expect(await glide.set("k", "v")).toBe("OK");
    const info = String(await glide.info());
    expect(Number(/tcp_port:(\d+)/.exec(info)?.[1])).toBe(await primaryPort());
  });

  it("a wrong sentinel password fails createClient at once with an error that says so", async () => {
    const started = performance.now();
    const error = await client("not-the-password").catch((caught: unknown) => caught);
    // Refused credentials end the discovery: no retrying until the 2 s connection timeout.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/No primary named "secured"/);
    expect((error as Error).message).toMatch(/WRONGPASS|invalid password/);
  });

  it("after SENTINEL FAILOVER the subscriber moves to the new primary at the switch", async () => {
    const received: string[] = [];
    const glide = await client(SENTINEL_PASSWORD, {
      pubsubSubscriptions: {
        channelsAndPatterns: { [Config.PubSubChannelModes.Exact]: new Set(["news"]) },
        callback: (message) => received.push(String(message.message)),
      },
    });
    const before = await primaryPort();
    expect(
      await withAdminConnection(sentinelAdmin(), (connection) =>
        connection.call("SENTINEL", "FAILOVER", "secured"),
      ),
    ).toBe("OK");
    await until(async () => (await primaryPort()) !== before, 30_000);
    const publisher = await nodeClient(await primaryPort());
    // The demoted primary keeps its clients for about 10 s more: a subscriber left there would
    // not see these messages within the bound.
    await until(async () => (await publisher.publish("on the new primary", "news")) === 1, 5_000);
    await until(() => received.includes("on the new primary"), 5_000);
    expect(await glide.publish("through the client", "news")).toBe(1);
    await until(() => received.includes("through the client"), 5_000);
  }, 60_000);
});
