// GLIDE's process-wide address-resolver registry, given a Petrel meaning: a resolver
// registered once and named by its key in configurations, looked up when a client is created.
// On the fake: a standalone server and a cluster reached only through the registered
// resolver, a key removed after creation (the client keeps resolving, later configurations
// are refused), and bad input.
import { startStandalone as startFake, until } from "@petrel/fake-valkey";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  GlideClient,
  registerAddressResolver,
  removeAddressResolver,
} from "../src/index.js";
import { clusterClient, fakeCluster, keyOnShard } from "./cluster/helpers/fake-cluster.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("registerAddressResolver / removeAddressResolver", () => {
  it("returns a distinct UUID key per registration", () => {
    const resolver = (host: string, port: number): [string, number] => [host, port];
    const first = registerAddressResolver(resolver);
    const second = registerAddressResolver(resolver);
    cleanups.push(
      () => removeAddressResolver(first),
      () => removeAddressResolver(second),
    );
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });

  it("connects a standalone client through the resolver its key names, and keeps it after removal", async () => {
    const fake = await startFake();
    cleanups.push(() => fake.stop());
    const asked: string[] = [];
    const key = registerAddressResolver((host, port) => {
      asked.push(`${host}:${port}`);
      if (host === "primary.petrel.invalid") return ["127.0.0.1", fake.port];
      throw new Error(`unknown host ${host}`);
    });
    const config = {
      addresses: [{ host: "primary.petrel.invalid", port: 1 }],
      addressResolver: key,
      requestTimeout: 1000,
    };
    const client = await GlideClient.createClient(config);
    cleanups.push(() => client.close());
    expect(await client.set("registry:key", "v")).toBe("OK");
    expect(asked).toEqual(["primary.petrel.invalid:1"]);

    removeAddressResolver(key);
    removeAddressResolver(key); // unknown now: ignored, as in GLIDE
    // The client took the function at creation: a reconnect still resolves through it.
    fake.dropConnections();
    await until(async () => (await client.get("registry:key").catch(() => null)) === "v", 5000);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(new Set(asked)).toEqual(new Set(["primary.petrel.invalid:1"]));
    // A configuration naming the removed key is refused, before any connection.
    const refused = await GlideClient.createClient(config).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigurationError);
    expect((refused as Error).message).toContain(`no resolver is registered under key "${key}"`);
  });

  it("resolves the seed and the nodes a cluster announces by hostname through a registered key", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const ports = new Map<string, number>();
    cluster.nodes.forEach((node, i) => {
      cluster.announce(node, { hostname: `node-${i}.petrel.invalid` });
      ports.set(`node-${i}.petrel.invalid`, node.port);
    });
    cluster.setPreferredEndpoint("hostname");
    const seedPort = cluster.nodes[0]?.port as number;
    const key = registerAddressResolver((host, port) => {
      if (host === "seed.petrel.invalid") return ["127.0.0.1", seedPort];
      if (ports.get(host) === port) return ["127.0.0.1", port];
      throw new Error(`unknown host ${host}`);
    });
    cleanups.push(() => removeAddressResolver(key));
    const client = await clusterClient(cluster, {
      addresses: [{ host: "seed.petrel.invalid", port: 7000 }],
      addressResolver: key,
    });
    const keys = [0, 1].map((shard) => keyOnShard(cluster, shard, "registry"));
    for (const k of keys) expect(await client.set(k, k)).toBe("OK");
    expect(await client.mget(keys)).toEqual(keys);
  });

  it("refuses a non-function resolver and a non-string, non-function addressResolver", async () => {
    expect(() =>
      registerAddressResolver("nope" as unknown as (h: string, p: number) => [string, number]),
    ).toThrow(ConfigurationError);
    const bad = { addresses: [{ host: "127.0.0.1", port: 1 }], addressResolver: 42 };
    await expect(
      GlideClient.createClient(bad as unknown as Parameters<typeof GlideClient.createClient>[0]),
    ).rejects.toThrow(/addressResolver.*must be a function or a key from registerAddressResolver/);
  });
});
