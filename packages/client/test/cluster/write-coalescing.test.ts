// What a node receives per turn of the event loop: the requests made for it in
// one tick go out in one socket write, and a lone request is written at once.
// Counted on the client's sockets (their remote port is the node's), since the
// fake cluster runs in this process and writes replies with the same class.
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clusterClient, fakeCluster, keyOnShard } from "./helpers/fake-cluster.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts socket writes to each of `ports`, from now on. */
function countWrites(ports: readonly number[]): Map<number, number> {
  const counts = new Map(ports.map((port) => [port, 0]));
  const write = net.Socket.prototype.write;
  vi.spyOn(net.Socket.prototype, "write").mockImplementation(function (
    this: net.Socket,
    ...args: Parameters<net.Socket["write"]>
  ) {
    const port = this.remotePort;
    if (port !== undefined && counts.has(port)) counts.set(port, (counts.get(port) ?? 0) + 1);
    return write.apply(this, args);
  });
  return counts;
}

describe("write coalescing per node", () => {
  it("sends the commands made in one tick in one write per node", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = [0, 1, 2].flatMap((shard) =>
      Array.from({ length: 20 }, (_, i) => keyOnShard(cluster, shard, `k${i}`)),
    );
    // Every connection is up before counting.
    await Promise.all(keys.map((key) => client.set(key, "v")));
    const ports = [0, 1, 2].map((shard) => cluster.primaryNode(shard).port);
    const writes = countWrites(ports);
    const replies = await Promise.all(keys.map((key) => client.get(key)));
    expect(replies).toEqual(keys.map(() => "v"));
    expect([...writes.values()]).toEqual([1, 1, 1]);
  });

  it("sends a node's requests from several callbacks of one loop turn in one write, while replies are due", async () => {
    const cluster = await fakeCluster({ shards: 2 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "turn");
    const blocked = keyOnShard(cluster, 1, "blocked");
    await Promise.all([client.set(key, "v"), client.set(blocked, "x"), client.del([blocked])]);
    // A reply due from shard 1: what else the client sends in this turn may come from it.
    const waiting = client.customCommand(["BLPOP", blocked, "0.2"]);
    const writes = countWrites([cluster.primaryNode(0).port]);
    // Separate callbacks of one check phase, as replies read from several sockets in one
    // poll phase are: shard 0 is idle when the first asks, busy when the others do.
    const gets = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<string | null>((resolve, reject) => {
            setImmediate(() => {
              client.get(key).then((value) => resolve(value as string | null), reject);
            });
          }),
      ),
    );
    expect(gets).toEqual(["v", "v", "v"]);
    expect(await waiting).toBeNull();
    expect([...writes.values()]).toEqual([1]);
  });

  it("writes each node's share of an idle client's tick at the end of that tick", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const keys = [0, 1, 2].map((shard) => keyOnShard(cluster, shard, "tick"));
    await Promise.all(keys.map((key) => client.set(key, "v")));
    const writes = countWrites([0, 1, 2].map((shard) => cluster.primaryNode(shard).port));
    const replies = Promise.all(keys.map((key) => client.get(key)));
    // Queued after the connections' own end-of-tick flushes: no node waits for the next phase.
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect([...writes.values()]).toEqual([1, 1, 1]);
    expect(await replies).toEqual(["v", "v", "v"]);
  });

  it("writes a lone request once, and each of a sequence once", async () => {
    const cluster = await fakeCluster({ shards: 1 });
    const client = await clusterClient(cluster);
    const key = keyOnShard(cluster, 0, "one");
    await client.set(key, "v");
    const writes = countWrites([cluster.primaryNode(0).port]);
    for (let i = 0; i < 5; i++) expect(await client.get(key)).toBe("v");
    expect([...writes.values()]).toEqual([5]);
  });
});
