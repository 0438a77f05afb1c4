// The hit path of the cached reads (GET, HGETALL, SMEMBERS). A generated method
// builds a Command and sends it through admission, compression and the cache;
// for a hit, that machinery costs several times the lookup itself. Each client
// class wraps its three generated methods once: a string key is looked up
// first, and only what the cache does not serve (a miss included) takes the
// generated method, whose path counts, stores and guards as before
// (docs/client-side-caching.md).
import type { Decoder, DecoderOption } from "@petrel/commands";

/** The key of the client method that answers a cached read, or undefined to send it. */
export const CACHED_REPLY: unique symbol = Symbol("petrel.cachedReply");

/** A client whose cached reads may be answered without a Command. */
export interface CachedReader {
  /**
   * The reply of a single `kind` read (GLIDE's command name) of `key` when the client's cache
   * can serve it now, with the decoder the call asked for; undefined otherwise.
   */
  [CACHED_REPLY](
    kind: string,
    key: unknown,
    decoder: Decoder | undefined,
  ): Promise<unknown> | undefined;
}

type CachedReadMethod = (
  this: CachedReader,
  key: unknown,
  options?: DecoderOption,
) => Promise<unknown>;

/** The cached commands: client method name, GLIDE's command name. */
const CACHED_READS: readonly (readonly [string, string])[] = [
  ["get", "Get"],
  ["hgetall", "HGetAll"],
  ["smembers", "SMembers"],
];

/**
 * Wraps the generated `get`, `hgetall` and `smembers` of `prototype` (install them first) so
 * that a cache hit returns before a Command is built.
 */
export function installCachedReads(prototype: object): void {
  for (const [name, kind] of CACHED_READS) {
    const generated = Reflect.get(prototype, name) as CachedReadMethod | undefined;
    if (typeof generated !== "function") continue;
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      writable: true,
      value: {
        // A named method shows up as such in stack traces.
        [name](this: CachedReader, key: unknown, options?: DecoderOption): Promise<unknown> {
          return (
            this?.[CACHED_REPLY]?.(kind, key, options?.decoder) ??
            generated.call(this, key, options)
          );
        },
      }[name],
    });
  }
}
