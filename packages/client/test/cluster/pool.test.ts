// ClientPool with `clusterMode: true` (a pool of GlideClusterClients) on the fake cluster and a
// real redis-server cluster, the same cases on both: 50 concurrent WATCH/MULTI/EXEC transfers
// between 10 accounts of one hash slot conserve the total through IsolatedScope, the same
// transfers sharing one client lose it, and release resets MULTI and WATCH on every node.
import { clusterCommands as build } from "@petrel/commands";
import { type FakeCluster, startCluster as startFakeCluster } from "@petrel/fake-valkey";
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ClientPool,
  GlideClusterClient,
  type GlideClusterClientConfiguration,
} from "../../src/index.js";
import { execNullRate, transferRun } from "../helpers/transfers.js";

const real = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 0 } }),
);
let fake: FakeCluster | undefined;
beforeAll(async () => {
  fake = await startFakeCluster({ shards: 3 });
});
afterAll(async () => {
  await fake?.stop();
});

const targets = {
  "redis-server": () => real.description.addresses as { host: string; port: number }[],
  fake: () => (fake as FakeCluster).seeds,
};

const pools: ClientPool<GlideClusterClient>[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

describe.each(Object.keys(targets) as (keyof typeof targets)[])(
  "ClientPool of cluster clients on %s",
  (name) => {
    function configuration(): GlideClusterClientConfiguration {
      return { addresses: targets[name](), requestTimeout: 2000 };
    }

    function pool(maxSize: number): ClientPool<GlideClusterClient> {
      const created = ClientPool.create({
        clientConfiguration: configuration(),
        clusterMode: true,
        maxSize,
      });
      pools.push(created);
      return created;
    }

    async function withAdmin<T>(body: (client: GlideClusterClient) => Promise<T>): Promise<T> {
      const client = await GlideClusterClient.createClient(configuration());
      try {
        return await body(client);
      } finally {
        client.close();
      }
    }

    it("conserves the total over 50 concurrent optimistic-lock transfers in one slot", async () => {
      const transfers = pool(8);
      const { total, nulls } = await withAdmin((admin) =>
        transferRun(`{acct-${name}}:`, admin, (move) =>
          transfers.isolated((scope) => move(scope, scope.client)),
        ),
      );
      expect(total).toBe(10_000);
      console.log(`cluster ${name}: 50 transfers, ${execNullRate(nulls)}`);
      expect(nulls).toBeGreaterThan(0);
      const metrics = transfers.getMetrics();
      expect(metrics).toMatchObject({ acquired: 50, released: 50, inUse: 0, destroyed: 0 });
      expect(metrics.size).toBeLessThanOrEqual(8);
      expect(transfers.getMetrics().created).toBe(metrics.size);
    });

    it("loses the total when the transfers share one cluster client (the reason for scopes)", async () => {
      const shared = pool(1);
      await shared.borrow(async (client) => {
        const { total } = await withAdmin((admin) =>
          transferRun(`{shared-${name}}:`, admin, (move) => move(client, client)),
        );
        expect(total).not.toBe(10_000);
      });
    });

    it("resets MULTI and WATCH on every node on release", async () => {
      const single = pool(1);
      const keys = ["{reset-a}:k", "{reset-b}:k", "{reset-c}:k"];
      const first = await single.acquire();
      for (const key of keys) {
        await first.client.set(key, "before");
        await first.client.watch([key]);
      }
      // A MULTI left open on the connection of the node owning the first key.
      const route = { route: { type: "primarySlotKey", key: keys[0] as string } } as const;
      expect(await first.client.customCommand(["MULTI"], route)).toBe("OK");
      expect(await first.client.customCommand(["SET", keys[0] as string, "queued"], route)).toBe(
        "QUEUED",
      );
      await single.release(first);
      await withAdmin(async (admin) => {
        for (const key of keys) await admin.set(key, "changed");
      });
      const second = await single.acquire();
      expect(second.client).toBe(first.client);
      // Not inside MULTI any more, and no earlier WATCH aborts these transactions.
      for (const key of keys) {
        expect(await second.client.get(key)).toBe("changed");
        const batch = { isAtomic: true, commands: [build.set(key, "committed")] };
        expect(await second.client.exec(batch, true)).toEqual(["OK"]);
      }
      await single.release(second);
      expect(single.getMetrics()).toMatchObject({ created: 1, destroyed: 0, idle: 1 });
    });
  },
);
