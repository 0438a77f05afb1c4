// What `ClientPool.release` sends before a client is lent again: DISCARD, UNWATCH and SELECT of
// the configured database, so the next holder starts as on a new connection. A cluster
// client holds a connection per node and any of them may carry state, so it is reset on all.
import { RequestError } from "@petrel/protocol";
import { GlideClusterClient } from "../cluster/glide-cluster-client.js";
import type { PooledClient } from "./pool-config.js";

/** DISCARD outside MULTI is an error reply, the usual case; any other failure is rethrown. */
function outsideMulti(error: unknown): void {
  if (!(error instanceof RequestError) || !/without MULTI/i.test(error.message)) throw error;
}

/**
 * Puts `client`'s connections back in the state a new one has: no MULTI, no WATCH, the
 * configured database. Rejects when a connection cannot be trusted; the caller closes the
 * client then.
 */
export async function resetConnection(client: PooledClient, databaseId: number): Promise<void> {
  if (client instanceof GlideClusterClient) {
    const route = { route: "allNodes" } as const;
    await Promise.all([
      client.customCommand(["DISCARD"], route).catch(outsideMulti),
      client.unwatch(route),
      client.customCommand(["SELECT", String(databaseId)], route),
    ]);
    return;
  }
  await Promise.all([
    client.customCommand(["DISCARD"]).catch(outsideMulti),
    client.unwatch(),
    client.select(databaseId),
  ]);
}
