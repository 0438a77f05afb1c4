// Scripting on a fake cluster: key routing of EVAL and FCALL (CROSSSLOT,
// MOVED), keys a script touches without declaring them, the no-cluster and
// allow-cross-slot-keys flags, replication of a script's effects, and
// SCRIPT/FUNCTION state kept per node.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeCluster, keyOnShard, keySlot, startCluster } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";

let cluster: FakeCluster;
const clients: RawClient[] = [];

async function connect(port: number): Promise<RawClient> {
  const client = await RawClient.connect(port);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  cluster = await startCluster({ shards: 3, replicas: 1 });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await cluster.stop();
});

/** Two keys on shard 0 in different slots. */
function twoSlotsOnShard0(): [string, string] {
  const first = keyOnShard(cluster, 0, "a");
  for (let i = 0; i < 100_000; i++) {
    const key = `b:${i}`;
    if (cluster.shardOfKey(key) === 0 && keySlot(key) !== keySlot(first)) return [first, key];
  }
  throw new Error("no second key");
}

describe("scripting on a fake cluster", () => {
  it("routes EVAL and FCALL by their declared keys", async () => {
    const node = await connect(cluster.primaryNode(0).port);
    const local = keyOnShard(cluster, 0, "k");
    const remote = keyOnShard(cluster, 1, "k");
    expect(await node.call(["EVAL", "return redis.call('SET', KEYS[1], 'v')", "1", local])).toBe(
      "+OK",
    );
    const moved = await node.call(["EVAL", "return 1", "1", remote]);
    expect(moved).toMatch(
      new RegExp(`^-MOVED ${keySlot(remote)} 127\\.0\\.0\\.1:${cluster.primaryNode(1).port}$`),
    );
    expect(await node.call(["EVAL", "return 1", "2", local, remote])).toBe(
      "-CROSSSLOT Keys in request don't hash to the same slot",
    );
    expect(await node.call(["EVAL", "return 1", "0"])).toBe(":1");
  });

  it("refuses keys a script did not declare when another node or slot owns them", async () => {
    const node = await connect(cluster.primaryNode(0).port);
    const remote = keyOnShard(cluster, 2, "r");
    const reply = await node.call(["EVAL", "return redis.call('GET', ARGV[1])", "0", remote]);
    expect(reply).toMatch(
      /^-ERR Script attempted to access a non local key in a cluster node script: [0-9a-f]{40}, on @user_script:1\.$/,
    );
    const [first, second] = twoSlotsOnShard0();
    const body = "redis.call('SET', KEYS[1], '1') return redis.call('SET', ARGV[1], '2')";
    expect(await node.call(["EVAL", body, "1", first, second])).toMatch(
      /^-ERR Script attempted to access keys that do not hash to the same slot script: /,
    );
    expect(
      await node.call(["EVAL", `#!lua flags=allow-cross-slot-keys\n${body}`, "1", first, second]),
    ).toBe("+OK");
    expect(await node.call(["EVAL", "#!lua flags=no-cluster\nreturn 1", "0"])).toBe(
      "-ERR Can not run script on cluster, 'no-cluster' flag is set.",
    );
  });

  it("replicates a script's writes and keeps scripts and functions per node", async () => {
    const key = keyOnShard(cluster, 0, "replicated");
    const primary = await connect(cluster.primaryNode(0).port);
    const replica = await connect((cluster.replicasOf(0)[0] as { port: number }).port);
    const other = await connect(cluster.primaryNode(1).port);
    expect(
      await primary.call([
        "EVAL",
        "redis.call('HSET', KEYS[1], 'f', 'v') return redis.call('INCR', KEYS[1] .. '')",
        "1",
        key,
      ]),
    ).toMatch(/^-WRONGTYPE|^-ERR/);
    expect(
      await primary.call(["EVAL", "return redis.call('SET', KEYS[1], 'from-script')", "1", key]),
    ).toBe("+OK");
    await replica.call(["READONLY"]);
    expect(await replica.call(["GET", key])).toBe("$from-script");
    expect(
      await replica.call(["EVAL", "return redis.call('SET', KEYS[1], 'x')", "1", key]),
    ).toMatch(/^-READONLY You can't write against a read only replica\./);

    const sha = await primary.call(["SCRIPT", "LOAD", "return 'per node'"]);
    expect(await other.call(["SCRIPT", "LOAD", "return 'per node'"])).toBe(sha);
    expect(await other.call(["SCRIPT", "FLUSH"])).toBe("+OK");
    const shaText = String(sha).slice(1);
    expect(await other.call(["SCRIPT", "EXISTS", shaText])).toEqual([":0"]);
    expect(await primary.call(["SCRIPT", "EXISTS", shaText])).toEqual([":1"]);

    const library =
      "#!lua name=pernode\nredis.register_function('pn', function() return 'here' end)";
    expect(await primary.call(["FUNCTION", "LOAD", library])).toBe("$pernode");
    expect(await primary.call(["FCALL", "pn", "0"])).toBe("$here");
    expect(await other.call(["FCALL", "pn", "0"])).toBe("-ERR Function not found");
    expect(await primary.call(["FUNCTION", "FLUSH"])).toBe("+OK");
    expect(await primary.call(["FCALL", "pn", "0"])).toBe("-ERR Function not found");
  });
});
