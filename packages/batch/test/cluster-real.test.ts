// GlideClusterClient.exec with ClusterBatch on a real redis-server cluster (3 primaries,
// 1 replica each), over RESP3 and RESP2, with every option.
import {
  Decoder,
  ExecAbortError,
  GlideClusterClient,
  type GlideClusterClientConfiguration,
  ProtocolVersion,
  RequestError,
  TimeoutError,
} from "@petrel/client";
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite, withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import { ClusterBatch, ClusterTransaction } from "../src/index.js";

const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

async function withClient<T>(
  config: Partial<GlideClusterClientConfiguration>,
  body: (client: GlideClusterClient) => Promise<T>,
): Promise<T> {
  return withClosing(
    GlideClusterClient.createClient({
      addresses: cluster.description.addresses,
      requestTimeout: 3000,
      ...config,
    }),
    body,
  );
}

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("ClusterBatch over %s", (name, protocol) => {
  const key = (suffix: string) => `cb:${name}:${suffix}`;

  it("pipelines across slots: parsed replies, split and aggregated commands, in order", async () => {
    await withClient({ protocol }, async (client) => {
      const [h, s, z] = [key("h"), key("s"), key("z")];
      const keys = ["a", "b", "c", "d"].map(key);
      await client.del([h, s, z]);
      const batch = new ClusterBatch(false)
        .mset(Object.fromEntries(keys.map((k) => [k, k])))
        .hset(h, { f: "v" })
        .hgetall(h)
        .sadd(s, ["m"])
        .smembers(s)
        .zadd(z, { e: 2.5 })
        .zrangeWithScores(z, { start: 0, end: -1 })
        .mget(keys)
        .del(keys)
        .exists(keys);
      expect(await client.exec(batch, true)).toEqual([
        "OK",
        1,
        [{ field: "f", value: "v" }],
        1,
        new Set(["m"]),
        1,
        [{ element: "e", score: 2.5 }],
        keys,
        4,
        0,
      ]);
    });
  });

  it("transactions: one slot, WATCH → null, EXECABORT, cross-slot refused, decoder", async () => {
    await withClient({ protocol }, async (client) => {
      const k = `{${key("tx")}}`;
      const batch = new ClusterTransaction().set(k, "1").incrBy(k, 5).get(k);
      expect(await client.exec(batch, true)).toEqual(["OK", 6, "6"]);
      expect(await client.exec(batch, true, { decoder: Decoder.Bytes })).toEqual([
        "OK",
        6,
        Buffer.from("6"),
      ]);

      expect(await client.watch([k])).toBe("OK");
      await withClient({ protocol }, (other) => other.set(k, "other"));
      expect(await client.exec(new ClusterBatch(true).set(k, "mine"), true)).toBeNull();
      expect(await client.get(k)).toBe("other");

      const aborted = new ClusterBatch(true).set(k, "lost").customCommand(["SET", k]);
      const refused = await client.exec(aborted, false).catch((caught: unknown) => caught);
      // As GLIDE 2.5.2: the refused command's error, a RequestError (not ExecAbortError).
      expect(refused).toBeInstanceOf(RequestError);
      expect(refused).not.toBeInstanceOf(ExecAbortError);
      expect(await client.get(k)).toBe("other");

      const crossSlot = new ClusterBatch(true).set(key("x1"), "1").set(key("x2"), "2");
      await expect(client.exec(crossSlot, true)).rejects.toThrow(/CROSSSLOT.*slot \d+.*slot \d+/);
    });
  });

  it("route: a pipeline's keyless commands go to the named node; a transaction follows MOVED", async () => {
    await withClient({ protocol }, async (client) => {
      const primaries = cluster.description.addresses;
      for (const { host, port } of primaries) {
        const route = { type: "routeByAddress" as const, host, port };
        const expected = await client.customCommand(["DBSIZE"], { route });
        const [size, echoed] = (await client.exec(
          new ClusterBatch(false).dbsize().get(key("routed")),
          true,
          { route },
        )) as unknown[];
        expect(size).toBe(expected);
        expect(echoed).toBeNull();
        const tx = new ClusterBatch(true).set(key("routed-tx"), String(port)).get(key("routed-tx"));
        expect(await client.exec(tx, true, { route })).toEqual(["OK", String(port)]);
      }
    });
  });

  it("timeout bounds the batch; a retry strategy works on pipelines and is refused on transactions", async () => {
    await withClient({ protocol }, async (client) => {
      const slow = new ClusterBatch(false).set(key("t"), "1").blpop([key("t-empty")], 0.5);
      await expect(client.exec(slow, true, { timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);
      const retryStrategy = { retryServerError: true, retryConnectionError: true };
      expect(await client.exec(slow, true, { timeout: 3000, retryStrategy })).toEqual(["OK", null]);
      await expect(
        client.exec(new ClusterBatch(true).get(key("t")), true, { retryStrategy }),
      ).rejects.toBeInstanceOf(RequestError);
    });
  });
});

describe("readFrom in cluster pipelines", () => {
  it("sends the pipeline's reads to replicas with preferReplica", async () => {
    const replicas = cluster.description.nodes.filter((node) => node.role === "replica");
    const getsOnReplicas = async (client: GlideClusterClient): Promise<number> => {
      let total = 0;
      for (const { host, port } of replicas) {
        const route = { type: "routeByAddress" as const, host, port };
        const info = String(await client.customCommand(["INFO", "commandstats"], { route }));
        total += Number(/cmdstat_get:calls=(\d+)/.exec(info)?.[1] ?? 0);
      }
      return total;
    };
    await withClient({ readFrom: "preferReplica" }, async (client) => {
      const keys = ["r1", "r2", "r3", "r4", "r5", "r6"].map((k) => `cb:read:${k}`);
      await client.mset(Object.fromEntries(keys.map((k) => [k, k])));
      for (const { host, port } of cluster.description.addresses) {
        const route = { type: "routeByAddress" as const, host, port };
        await client.customCommand(["WAIT", "1", "2000"], { route });
      }
      const before = await getsOnReplicas(client);
      const batch = new ClusterBatch(false);
      for (const k of keys) batch.get(k);
      expect(await client.exec(batch, true)).toEqual(keys);
      expect((await getsOnReplicas(client)) - before).toBe(keys.length);
    });
  });
});
