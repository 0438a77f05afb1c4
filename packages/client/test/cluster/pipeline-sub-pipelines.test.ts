// A cluster pipeline goes out as one sub-pipeline per node: one write (one
// sendStart) per node whatever the number of commands, each node's commands
// in batch order, and split commands' parts ride along with their node's share.
import { describe, expect, it } from "vitest";
import { customCommand } from "../../src/custom-command.js";
import { type SendStartMessage, subscribe } from "../../src/index.js";

const set = (key: string, value: string) => customCommand(["SET", key, value], undefined);
const get = (key: string) => customCommand(["GET", key], undefined);
const mget = (keys: string[]) => customCommand(["MGET", ...keys], undefined);

import { clusterClient, fakeCluster, keyOnShard } from "./helpers/fake-cluster.js";

describe("cluster pipeline sub-pipelines", () => {
  it("sends each node's commands as one write and returns the results in batch order", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = Array.from({ length: 300 }, (_, index) => `sub:${index}`);
    const sends: SendStartMessage[] = [];
    const stop = subscribe("sendStart", (message) => sends.push(message));
    const results = await client
      .exec({ isAtomic: false, commands: keys.map((key) => set(key, `v${key}`)) }, true)
      .finally(stop);
    expect(results).toEqual(keys.map(() => "OK"));
    const ports = sends.map((message) => message.port).sort();
    expect(ports).toEqual(cluster.primaries.map((node) => node.port).sort());
    const values = await client.exec(
      { isAtomic: false, commands: keys.map((key) => get(key)) },
      true,
    );
    expect(values).toEqual(keys.map((key) => `v${key}`));
  });

  it("keeps each node's order across plain and split commands", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const a = keyOnShard(cluster, 0, "order-a");
    const b = keyOnShard(cluster, 1, "order-b");
    const sends: SendStartMessage[] = [];
    const stop = subscribe("sendStart", (message) => sends.push(message));
    const results = await client
      .exec(
        {
          isAtomic: false,
          commands: [set(a, "1"), set(b, "1"), mget([a, b]), set(a, "2"), mget([b, a]), get(a)],
        },
        true,
      )
      .finally(stop);
    expect(results).toEqual(["OK", "OK", ["1", "1"], "OK", ["1", "2"], "2"]);
    // Shard 0 and shard 1 each got one write; shard 2 none.
    expect(sends).toHaveLength(2);
  });
});
