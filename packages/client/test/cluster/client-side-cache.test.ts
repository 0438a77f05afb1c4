// The client-side cache on a real redis-server cluster (RESP3): per-node default tracking,
// invalidation after another client's write, a node connection dropped, and the freshness
// guarantee under 4 writers on 1,000 keys spread over the shards.
import { startCluster } from "@petrel/test-servers";
import { topologyForSuite, withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import {
  ClientSideCache,
  GlideClusterClient,
  type GlideClusterClientConfiguration,
} from "../../src/index.js";
import { expectFreshUnderFourWriters } from "../helpers/cache-freshness.js";

const cluster = topologyForSuite(() =>
  startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
);

function connect(
  config: Partial<GlideClusterClientConfiguration> = {},
): Promise<GlideClusterClient> {
  return GlideClusterClient.createClient({
    addresses: cluster.description.addresses,
    requestTimeout: 2000,
    periodicChecks: "disabled",
    ...config,
  });
}

const assisted = () =>
  ClientSideCache.create(4096, 0, { serverAssisted: true, enableMetrics: true });

describe("client-side cache on a redis-server cluster", () => {
  it("tracks on every node it reads from: writes on each shard invalidate", async () => {
    await withClosing(connect({ clientSideCache: assisted() }), (reader) =>
      withClosing(connect(), async (writer) => {
        const keys = ["{a}k", "{b}k", "{c}k", "{d}k", "{e}k", "{f}k"];
        for (const key of keys) await writer.set(key, "old");
        for (const key of keys) expect(await reader.get(key)).toBe("old");
        for (const key of keys) expect(await reader.get(key)).toBe("old");
        expect(await reader.getCacheHitRate()).toBe(0.5);
        for (const key of keys) await writer.set(key, "new");
        for (const key of keys) {
          await reader.exists([key]); // one round trip on the key's connection
          expect(await reader.get(key)).toBe("new");
        }
      }),
    );
  });

  it("drops entries when a node connection is lost, and tracks again after the reconnect", async () => {
    await withClosing(connect({ clientSideCache: assisted() }), (reader) =>
      withClosing(connect(), async (writer) => {
        await writer.set("{drop}k", "old");
        expect(await reader.get("{drop}k")).toBe("old");
        const id = await reader.customCommand(["CLIENT", "ID"], {
          route: { type: "primarySlotKey", key: "{drop}k" },
        });
        await writer.customCommand(["CLIENT", "KILL", "ID", String(id)], {
          route: { type: "primarySlotKey", key: "{drop}k" },
        });
        await writer.set("{drop}k", "new");
        expect(await reader.get("{drop}k")).toBe("new");
        await writer.set("{drop}k", "newer");
        await reader.exists(["{drop}k"]);
        expect(await reader.get("{drop}k")).toBe("newer");
      }),
    );
  });

  it(
    "never returns a stale value under 4 writers on 1,000 keys (the freshness guarantee)",
    () => expectFreshUnderFourWriters(connect, { clientSideCache: assisted() }, {}),
    60_000,
  );
});
