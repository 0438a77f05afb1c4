// How a client reaches the cache's code without importing it: the code comes
// with the ClientSideCache instance the program passes, so a bundle of an app
// that never imports ClientSideCache carries none of it (README, "Package size").
import { RequestError } from "@petrel/protocol";
import type { ClientCache } from "./client-cache.js";

/** The key of the method by which a ClientSideCache makes one client's view of itself. */
export const ATTACH_CLIENT: unique symbol = Symbol("petrel.ClientSideCache.attachClient");

/** What the configuration accepts as `clientSideCache`: a ClientSideCache. */
export interface AttachableCache {
  readonly serverAssisted: boolean;
  [ATTACH_CLIENT](): ClientCache;
}

/** Whether `value` is a ClientSideCache (of this copy of the package). */
export function isAttachableCache(value: unknown): value is AttachableCache {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<AttachableCache>)[ATTACH_CLIENT] === "function"
  );
}

/** GLIDE's rejection of the cache metric methods on a client without a cache. */
export function cachingNotEnabled(): RequestError {
  return new RequestError("Client-side caching is not enabled");
}
