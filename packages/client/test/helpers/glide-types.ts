// Type-level helpers for comparing Petrel's signatures with GLIDE's published
// declarations. GLIDE's declarations resolve their own Buffer type, so its
// Buffers are mapped to this workspace's first.
import type { GlideString as GlideGlideString } from "@valkey/valkey-glide";

// biome-ignore lint/suspicious/noExplicitAny: matches every function type in a conditional type.
export type AnyFunction = (...args: any[]) => unknown;
type GlideBuffer = Exclude<GlideGlideString, string>;

/** GLIDE's argument types with its Buffer replaced by this workspace's. */
export type Local<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends GlideBuffer
    ? Buffer
    : T extends AnyFunction
      ? T
      : T extends Set<infer U>
        ? Set<Local<U>>
        : T extends Map<infer K, infer V>
          ? Map<Local<K>, Local<V>>
          : T extends readonly unknown[]
            ? { [K in keyof T]: Local<T[K]> }
            : T extends Iterable<infer U>
              ? Iterable<Local<U>>
              : { [K in keyof T]: Local<T[K]> };

/** The arguments after the first (the client or the batch) of a static helper. */
type AfterFirst<F> = F extends (first: never, ...rest: infer R) => unknown ? R : never;

/** Static helpers of GLIDE's class `G` whose arguments (after the first) Petrel's `P` refuses. */
export type RefusedStatics<G, P> = {
  [K in keyof G & keyof P]: G[K] extends AnyFunction
    ? Local<AfterFirst<G[K]>> extends AfterFirst<P[K]>
      ? never
      : K
    : never;
}[keyof G & keyof P];
