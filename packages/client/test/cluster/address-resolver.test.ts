// Address resolvers on a cluster whose nodes announce hostnames that only the
// resolver knows (the NAT / private-link case): the seed, the nodes CLUSTER
// SHARDS reports and the targets of MOVED all go through it.
import { keySlot } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";
import { clusterClient, fakeCluster, keyOnShard, until } from "./helpers/fake-cluster.js";

const DOMAIN = "petrel.invalid";

describe("address resolver", () => {
  it("reaches every node of a cluster announcing unresolvable hostnames, through redirects too", async () => {
    const cluster = await fakeCluster({ shards: 3, replicas: 1 });
    const ports = new Map<string, number>();
    cluster.nodes.forEach((node, i) => {
      const hostname = `node-${i}.${DOMAIN}`;
      cluster.announce(node, { hostname });
      ports.set(hostname, node.port);
    });
    cluster.setPreferredEndpoint("hostname");
    const asked: string[] = [];
    const seedPort = cluster.nodes[0]?.port as number;
    const client = await clusterClient(cluster, {
      addresses: [{ host: `seed.${DOMAIN}`, port: 7000 }],
      addressResolver: (host: string, port: number): [string, number] => {
        asked.push(`${host}:${port}`);
        if (host === `seed.${DOMAIN}`) return ["127.0.0.1", seedPort];
        if (ports.get(host) === port) return ["127.0.0.1", port];
        throw new Error(`unknown host ${host}`);
      },
    });
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "resolved"));
    for (const key of keys) await client.set(key, key);
    expect(await client.mget(keys)).toEqual(keys);
    expect(asked).toContain(`seed.${DOMAIN}:7000`);
    // Every primary was reached by its announced hostname.
    for (let shard = 0; shard < 3; shard++) {
      const node = cluster.primaryNode(shard);
      const index = cluster.nodes.indexOf(node);
      expect(asked).toContain(`node-${index}.${DOMAIN}:${node.port}`);
    }
    // A slot moved behind the client's back: the MOVED names a hostname, resolved too.
    const key = keys[0] as string;
    const migration = cluster.migrateSlot(keySlot(key), 2);
    while (migration.phase !== "done") migration.step();
    expect(await client.get(key)).toBe(key);
    await until(() => cluster.commandCount("get", cluster.primaryNode(2)) > 0);
  });
});
