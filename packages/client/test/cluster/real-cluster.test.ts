// GlideClusterClient against a real 6-node redis-server cluster (3 primaries,
// 1 replica each), started for this file and stopped by pid afterwards.

import { startCluster } from "@petrel/test-servers";
import { topologyForSuite, withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import {
  convertGlideRecordToRecord,
  GlideClusterClient,
  type GlideRecord,
  ProtocolVersion,
  Script,
} from "../../src/index.js";

const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

async function withClient<T>(
  protocol: ProtocolVersion,
  body: (client: GlideClusterClient) => Promise<T>,
): Promise<T> {
  return withClosing(
    GlideClusterClient.createClient({
      addresses: cluster.description.addresses,
      protocol,
      requestTimeout: 2000,
      periodicChecks: "disabled",
      connectionBackoff: { numberOfRetries: 3, factor: 50, exponentBase: 2 },
    }),
    body,
  );
}

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("real cluster over %s", (name, protocol) => {
  it("routes keyed commands across slots", async () => {
    await withClient(protocol, async (client) => {
      const keys = Array.from({ length: 50 }, (_, i) => `${name}:key:${i}`);
      for (const key of keys) expect(await client.set(key, `v-${key}`)).toBe("OK");
      expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(
        keys.map((key) => `v-${key}`),
      );
      expect(await client.incr(`${name}:n`)).toBe(1);
    });
  });

  it("splits multi-slot commands and reassembles them", async () => {
    await withClient(protocol, async (client) => {
      const keys = Array.from({ length: 30 }, (_, i) => `${name}:multi:${i}`);
      expect(await client.mset(Object.fromEntries(keys.map((key) => [key, key])))).toBe("OK");
      expect(await client.mget([...keys, `${name}:absent`])).toEqual([...keys, null]);
      expect(await client.exists(keys)).toBe(30);
      expect(await client.del(keys.slice(0, 10))).toBe(10);
      expect(await client.unlink(keys.slice(10, 20))).toBe(10);
      expect(await client.touch(keys)).toBe(10);
      const sizes = await client.dbsize();
      expect(sizes).toBeGreaterThanOrEqual(10);
    });
  });
});

describe("real cluster replica reads", () => {
  it("preferReplica reads from READONLY replica connections", async () => {
    const client = await GlideClusterClient.createClient({
      addresses: cluster.description.addresses,
      readFrom: "preferReplica",
      requestTimeout: 2000,
      periodicChecks: "disabled",
    });
    try {
      const keys = Array.from({ length: 20 }, (_, i) => `replica-read:${i}`);
      for (const key of keys) await client.set(key, key);
      // Replication is asynchronous: poll until every replica has caught up.
      const deadline = performance.now() + 10_000;
      let values = await client.mget(keys);
      while (values.some((value, i) => value !== keys[i]) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        values = await client.mget(keys);
      }
      expect(values).toEqual(keys);
      const replicaPorts = new Set(
        cluster.description.nodes
          .filter((node) => node.role === "replica")
          .map((node) => node.port),
      );
      const stats = convertGlideRecordToRecord(
        (await client.customCommand(["INFO", "commandstats"], {
          route: "allNodes",
        })) as GlideRecord<string>,
      );
      const mgetsOnReplicas = Object.entries(stats)
        .filter(([address]) => replicaPorts.has(Number(address.split(":").pop())))
        .map(([, text]) => Number(/cmdstat_mget:calls=(\d+)/.exec(text)?.[1] ?? 0))
        .reduce((sum, calls) => sum + calls, 0);
      expect(mgetsOnReplicas).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  });
});

describe("real cluster scripting", () => {
  it("loads a library on every primary and calls it with a route", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const library = [
        "#!lua name=petrel_cluster_test",
        "redis.register_function('petrel_echo', function(keys, args) return args[1] end)",
        "redis.register_function{function_name='petrel_echo_ro',",
        "  callback=function(keys, args) return args[1] end, flags={'no-writes'}}",
      ].join("\n");
      expect(await client.functionLoad(library, { replace: true, route: "allPrimaries" })).toBe(
        "petrel_cluster_test",
      );
      expect(await client.fcallWithRoute("petrel_echo", ["hi"], { route: "randomNode" })).toBe(
        "hi",
      );
      const everywhere = await client.fcallReadonlyWithRoute("petrel_echo_ro", ["ro"], {
        route: "allPrimaries",
      });
      expect(Object.values(everywhere as Record<string, unknown>)).toEqual(["ro", "ro", "ro"]);
    });
  });
});

describe("real cluster scripts", () => {
  it("invokeScript loads on NOSCRIPT and runs by key; invokeScriptWithRoute fans out", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const nonce = `${process.pid}-${Date.now()}`;
      const keyed = new Script(`return redis.call('SET', KEYS[1], ARGV[1]) -- ${nonce}`);
      expect(await client.invokeScript(keyed, { keys: ["script:k"], args: ["v"] })).toBe("OK");
      expect(await client.get("script:k")).toBe("v");
      const echo = new Script(`return ARGV[1] -- ${nonce}`);
      expect(await client.invokeScriptWithRoute(echo, { args: ["hi"], route: "randomNode" })).toBe(
        "hi",
      );
      const everywhere = await client.invokeScriptWithRoute(echo, {
        args: ["all"],
        route: "allPrimaries",
      });
      expect(Object.values(everywhere as Record<string, unknown>)).toEqual(["all", "all", "all"]);
    });
  });
});

describe("real cluster failover", () => {
  it("a primary killed by pid: every promise settles, its replica takes over", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const keys = Array.from({ length: 60 }, (_, i) => `failover:${i}`);
      await client.mset(Object.fromEntries(keys.map((key) => [key, "0"])));
      const index = cluster.description.nodes.findIndex((node) => node.role === "primary");
      const victim = cluster.processes[index];
      if (victim === undefined) throw new Error("no primary process");
      const inFlight = keys.map((key) =>
        client.incr(key).then(
          (value) => value,
          (error: Error) => error,
        ),
      );
      await victim.kill();
      // Each one settles: a value, or an error for those written to the killed node.
      const settled = await Promise.all(inFlight);
      expect(settled.every((result) => result === 1 || result instanceof Error)).toBe(true);
      // Within a bound, every key is writable again (the replica was promoted).
      const deadline = performance.now() + 25_000;
      const pending = new Set(keys);
      while (pending.size > 0 && performance.now() < deadline) {
        await Promise.all(
          [...pending].map(async (key) => {
            if ((await client.set(key, "after").catch(() => undefined)) === "OK")
              pending.delete(key);
          }),
        );
        if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect([...pending]).toEqual([]);
      expect(await client.mget(keys)).toEqual(keys.map(() => "after"));
    });
  }, 40_000);
});
