// What a caching client adds to each of its NodeConnections: CLIENT TRACKING
// in the handshake, invalidation pushes routed to the cache, and losses
// reported. A client without a cache adds nothing, so its connections run
// exactly the code they run without this feature.
import type { NodeConnectionOptions } from "../connection/node-connection.js";
import type { ClientCache } from "./client-cache.js";

type CacheHooks = Pick<NodeConnectionOptions, "cacheHandshakeCommands" | "onPush" | "onLost">;

/** The NodeConnection options a caching client adds (none without a cache). */
export function cacheHooks(cache: ClientCache | undefined): CacheHooks {
  if (cache === undefined) return {};
  if (!cache.serverAssisted) return {};
  return {
    cacheHandshakeCommands: cache.handshake,
    onPush: (push) => cache.onPush(push),
    onLost: () => cache.invalidationsMayBeLost(),
  };
}
