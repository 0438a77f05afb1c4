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
