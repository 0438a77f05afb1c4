// Sentinel's bad input and faults, and readFrom with the replicas it reports,
// against one real topology these tests leave as it is (no failover).
import net from "node:net";
import {
  findServerBinaries,
  parseInfo,
  type RunningTopology,
  startSentinel,
  withAdminConnection,
} from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, GlideClient, type GlideClientConfiguration } from "../../src/index.js";
import { bulk, ScriptedServer } from "../helpers/scripted-server.js";

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A sentinel that names `primaryPort` as the primary and knows no replicas or peers. */
function lyingSentinel(primaryPort: number): Promise<ScriptedServer> {
  return ScriptedServer.start((args) => {
    const command = args.map((arg) => arg.toUpperCase());
    if (command[0] === "HELLO") return "-ERR unknown command 'HELLO'\r\n";
    if (command[1] === "GET-MASTER-ADDR-BY-NAME")
      return `*2\r\n${bulk("127.0.0.1")}${bulk(String(primaryPort))}`;
    if (command[0] === "SENTINEL" && command[1] !== undefined && command[1].startsWith("GET-"))
      return "-ERR Unknown sentinel subcommand\r\n";
    if (command[0] === "SENTINEL") return "*0\r\n";
    if (command[0] === "SUBSCRIBE") return "*3\r\n$9\r\nsubscribe\r\n$3\r\nnop\r\n:1\r\n";
    return "+OK\r\n";
  });
}

describe.runIf(findServerBinaries() !== undefined)("Sentinel faults on real servers", () => {
  let running: RunningTopology;
  const clients: GlideClient[] = [];
  const scripted: ScriptedServer[] = [];

  beforeAll(async () => {
    running = await startSentinel({ primaryName: "faults" });
  }, 60_000);
  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(scripted.map((server) => server.stop()));
    await running?.stop();
  });

  async function connect(config: Partial<GlideClientConfiguration>): Promise<GlideClient> {
    const client = await GlideClient.createClient({
      sentinel: { primaryName: "faults", sentinels: running.description.addresses },
      requestTimeout: 2000,
      ...config,
    });
    clients.push(client);
    return client;
  }

  it("an unknown primary name: a ConnectionError that names it", async () => {
    const attempt = connect({
      sentinel: { primaryName: "nosuch", sentinels: running.description.addresses },
    });
    await expect(attempt).rejects.toThrow(ConnectionError);
    await expect(attempt).rejects.toThrow(/"nosuch"/);
  });

  it("every sentinel unreachable: a clear error within the connection timeout", async () => {
    const sentinels = [{ host: "127.0.0.1", port: await deadPort() }];
    sentinels.push({ host: "127.0.0.1", port: await deadPort() });
    const started = performance.now();
    const attempt = connect({
      sentinel: { primaryName: "faults", sentinels },
      advancedConfiguration: { connectionTimeout: 800 },
    });
    await expect(attempt).rejects.toThrow(/No primary named "faults" found through the sentinels/);
    await expect(attempt).rejects.toThrow(/ECONNREFUSED/);
    expect(performance.now() - started).toBeLessThan(800 + 400);
  });

  it("a sentinel naming an address that does not answer: the next sentinel is used", async () => {
    const liar = await lyingSentinel(await deadPort());
    scripted.push(liar);
    const client = await connect({
      sentinel: {
        primaryName: "faults",
        sentinels: [liar.address, ...running.description.addresses],
      },
    });
    expect(await client.set("after-a-liar", "1")).toBe("OK");
    expect(
      liar.connections.some((c) => c.commands.some((command) => command[0] === "SENTINEL")),
    ).toBe(true);
  });

  it("readFrom preferReplica reads from the replicas the sentinels report", async () => {
    const client = await connect({ readFrom: "preferReplica" });
    expect(await client.set("replicated", "yes")).toBe("OK");
    await client.customCommand(["WAIT", "2", "2000"]);
    for (let i = 0; i < 20; i++) expect(await client.get("replicated")).toBe("yes");
    const replicaGets = await Promise.all(
      running.processes.slice(1, 3).map((replica) =>
        withAdminConnection(replica.admin, async (connection) => {
          const stats = parseInfo(await connection.text("INFO", "commandstats"));
          return Number(/calls=(\d+)/.exec(stats.get("cmdstat_get") ?? "")?.[1] ?? 0);
        }),
      ),
    );
    expect(replicaGets.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20);
  });
});
