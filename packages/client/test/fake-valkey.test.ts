// Fault scenarios against @petrel/fake-valkey, with the server-side connection
// state inspected directly.
import { type FakeStandalone, startStandalone, until } from "@petrel/fake-valkey";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionError,
  GlideClient,
  type GlideClientConfiguration,
  ProtocolError,
  ProtocolVersion,
  TimeoutError,
} from "../src/index.js";

const deployments: FakeStandalone[] = [];
const clients: GlideClient[] = [];

async function fake(options: Parameters<typeof startStandalone>[0] = {}): Promise<FakeStandalone> {
  const deployment = await startStandalone(options);
  deployments.push(deployment);
  return deployment;
}

async function connect(
  deployment: FakeStandalone,
  config: Partial<GlideClientConfiguration> = {},
): Promise<GlideClient> {
  const client = await GlideClient.createClient({
    addresses: [{ host: deployment.host, port: deployment.port }],
    ...config,
  });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const deployment of deployments.splice(0)) await deployment.stop();
});

describe.each([
  ["RESP3", ProtocolVersion.RESP3, 3],
  ["RESP2", ProtocolVersion.RESP2, 2],
])("against the fake over %s", (_name, protocol, resp) => {
  it("re-applies AUTH, SELECT, SETNAME and SETINFO after the server drops the connection", async () => {
    const deployment = await fake({ users: [{ name: "app", passwords: ["secret"] }] });
    const client = await connect(deployment, {
      protocol,
      credentials: { username: "app", password: "secret" },
      clientName: "petrel-app",
      databaseId: 5,
    });
    await client.set("key", "value");
    const expected = {
      name: "petrel-app",
      db: 5,
      resp,
      user: "app",
      authenticated: true,
      libName: "petrel",
    };
    expect(deployment.connections(deployment.primary)).toEqual([expect.objectContaining(expected)]);
    const firstId = deployment.connections(deployment.primary)[0]?.id;
    deployment.dropConnections();
    await until(() => deployment.connections(deployment.primary).some((c) => c.id !== firstId));
    expect(await client.get("key")).toBe("value");
    const states = deployment.connections(deployment.primary);
    expect(states).toEqual([expect.objectContaining(expected)]);
    expect(states[0]?.id).not.toBe(firstId);
  });

  it("rejects pending requests with ProtocolError on malformed bytes, then recovers", async () => {
    const deployment = await fake();
    const client = await connect(deployment, { protocol, requestTimeout: 1000 });
    deployment.blackhole(deployment.primary);
    // Requests are queued on the connection as soon as they are sent.
    const pending = [client.get("a"), client.get("b")];
    deployment.writeMalformed(deployment.primary, "&bogus\r\n");
    for (const result of await Promise.allSettled(pending)) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ProtocolError);
    }
    deployment.blackhole(deployment.primary, false);
    await client.set("a", "1");
    expect(await client.get("a")).toBe("1");
  });
});

describe("fault scenarios", () => {
  it("a blackholed node times requests out without touching another client's work, and is replaced", async () => {
    const slow = await fake();
    const healthy = await fake();
    const stuck = await connect(slow, { requestTimeout: 100 });
    const fine = await connect(healthy, { requestTimeout: 100 });
    slow.blackhole(slow.primary);
    const results = await Promise.allSettled([stuck.get("x"), stuck.get("y"), fine.set("x", "1")]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    expect(results[2]).toEqual({ status: "fulfilled", value: "OK" });
    slow.blackhole(slow.primary, false);
    // The silent connection holds unanswered requests; the client replaces it and carries on.
    await until(async () => (await stuck.set("k", "v").catch(() => "failed")) === "OK", 10_000);
    expect(await stuck.get("k")).toBe("v");
  });

  it("waits for a killed node to come back, and a request written before the kill fails with ConnectionError", async () => {
    const deployment = await fake();
    const client = await connect(deployment, {
      requestTimeout: 3000,
      connectionBackoff: { numberOfRetries: 2, factor: 20, exponentBase: 2, jitterPercent: 0 },
    });
    deployment.blackhole(deployment.primary);
    const written = client.get("before");
    await deployment.killNode(deployment.primary);
    expect(await written.catch((e: unknown) => e)).toBeInstanceOf(ConnectionError);
    const later = client.set("after", "1");
    deployment.primary.faults.blackhole = false;
    await deployment.restartNode(deployment.primary);
    expect(await later).toBe("OK");
  });

  it("rejects createClient when the password is wrong, with the server's message", async () => {
    const deployment = await fake({ password: "right" });
    const error = await GlideClient.createClient({
      addresses: [{ host: deployment.host, port: deployment.port }],
      credentials: { password: "wrong" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/WRONGPASS|invalid/);
  });

  it("AZAffinity reads from the replica in the client's zone", async () => {
    const deployment = await fake({ replicas: 2 });
    const [nearReplica, farReplica] = deployment.replicas;
    const admin = async (port: number, zone: string) => {
      const node = await GlideClient.createClient({ addresses: [{ host: deployment.host, port }] });
      await node.customCommand(["CONFIG", "SET", "availability-zone", zone]);
      node.close();
    };
    await admin(deployment.port, "zone-p");
    await admin(nearReplica?.port as number, "zone-near");
    await admin(farReplica?.port as number, "zone-far");
    const client = await connect(deployment, {
      addresses: [{ host: deployment.host, port: deployment.port }],
      readFrom: "AZAffinity",
      clientAz: "zone-near",
    });
    await client.set("az", "v");
    await until(async () => (await client.get("az")) === "v");
    deployment.resetCounters();
    for (let i = 0; i < 4; i++) expect(await client.get("az")).toBe("v");
    expect(deployment.commandCount("get", nearReplica)).toBe(4);
    expect(deployment.commandCount("get", farReplica)).toBe(0);
    expect(deployment.commandCount("get", deployment.primary)).toBe(0);
  });
});
