// Every keyed command group on a real 6-node redis-server cluster, on RESP3 and
// RESP2: each key lands on its own slot owner, and both protocols give the
// same GLIDE-shaped results.

import { InfBoundary } from "@petrel/commands";
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import { GlideClusterClient, ProtocolVersion } from "../../src/index.js";

const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

/** Runs one command per group on keys spread over the slots, returning GLIDE-shaped results. */
async function exerciseGroups(client: GlideClusterClient, p: string): Promise<unknown[]> {
  const results: unknown[] = [];
  // strings and generic keys
  results.push(await client.set(`${p}:s`, "10"), await client.incrBy(`${p}:s`, 5));
  results.push(await client.append(`${p}:s`, "x"), await client.getrange(`${p}:s`, 0, 1));
  results.push(await client.expire(`${p}:s`, 100), (await client.ttl(`${p}:s`)) > 0);
  results.push(await client.type(`${p}:s`), await client.persist(`${p}:s`));
  // hashes
  results.push(await client.hset(`${p}:h`, { a: "1", b: "2" }), await client.hget(`${p}:h`, "a"));
  results.push(await client.hgetall(`${p}:h`), await client.hincrBy(`${p}:h`, "a", 2));
  // lists
  results.push(await client.rpush(`${p}:l`, ["a", "b", "c"]), await client.lrange(`${p}:l`, 0, -1));
  results.push(await client.lpop(`${p}:l`), await client.llen(`${p}:l`));
  // sets
  results.push(await client.sadd(`${p}:set`, ["x", "y"]), await client.smembers(`${p}:set`));
  results.push(await client.sismember(`${p}:set`, "x"), await client.scard(`${p}:set`));
  // sorted sets
  results.push(await client.zadd(`${p}:z`, { one: 1, two: 2, three: 3 }));
  results.push(await client.zrangeWithScores(`${p}:z`, { start: 0, end: -1 }));
  results.push(
    await client.zcount(`${p}:z`, InfBoundary.NegativeInfinity, InfBoundary.PositiveInfinity),
  );
  results.push(await client.zscore(`${p}:z`, "two"), await client.zrank(`${p}:z`, "three"));
  // streams
  results.push(typeof (await client.xadd(`${p}:x`, [["f", "v"]])) === "string");
  results.push(await client.xlen(`${p}:x`));
  // geo
  results.push(
    await client.geoadd(
      `${p}:g`,
      new Map([
        ["Palermo", { longitude: 13.361389, latitude: 38.115556 }],
        ["Catania", { longitude: 15.087269, latitude: 37.502669 }],
      ]),
    ),
  );
  results.push(Math.round((await client.geodist(`${p}:g`, "Palermo", "Catania")) ?? 0));
  // bitmaps and HyperLogLog
  results.push(await client.setbit(`${p}:b`, 7, 1), await client.bitcount(`${p}:b`));
  results.push(await client.pfadd(`${p}:hll`, ["a", "b", "c"]), await client.pfcount([`${p}:hll`]));
  return results;
}

describe("every keyed command group on a real cluster", () => {
  it("gives the same results on RESP3 and RESP2, each key served by its slot owner", async () => {
    const byProtocol: unknown[][] = [];
    for (const [name, protocol] of [
      ["resp3", ProtocolVersion.RESP3],
      ["resp2", ProtocolVersion.RESP2],
    ] as const) {
      const client = await GlideClusterClient.createClient({
        addresses: cluster.description.addresses,
        protocol,
        requestTimeout: 2000,
        periodicChecks: "disabled",
      });
      try {
        byProtocol.push(await exerciseGroups(client, `groups:${name}`));
      } finally {
        client.close();
      }
    }
    const [resp3, resp2] = byProtocol;
    expect(resp2).toEqual(resp3);
    expect(resp3).toEqual([
      "OK",
      15,
      3,
      "15",
      true,
      true,
      "string",
      true,
      2,
      "1",
      [
        { field: "a", value: "1" },
        { field: "b", value: "2" },
      ],
      3,
      3,
      ["a", "b", "c"],
      "a",
      2,
      2,
      new Set(["x", "y"]),
      true,
      2,
      3,
      [
        { element: "one", score: 1 },
        { element: "two", score: 2 },
        { element: "three", score: 3 },
      ],
      3,
      2,
      2,
      true,
      1,
      2,
      166274,
      0,
      1,
      true,
      3,
    ]);
  });
});
