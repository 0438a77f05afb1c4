// Type-level helpers for comparing Petrel's signatures with GLIDE's published
// declarations. GLIDE's declarations resolve their own Buffer type, so its
// Buffers are mapped to this workspace's first.
import type { GlideString as GlideGlideString } from "@valkey/valkey-glide";

// biome-ignore lint/suspicious/noExplicitAny: matches every function type in a conditional type.
export type AnyFunction = (...args: any[]) => unknown;
type GlideBuffer = Exclude<GlideGlideString, string>;

/**
 * GLIDE's argument types with its Buffer replaced by this workspace's, and each GLIDE class
 * of the pairs `C` ([GLIDE's class, Petrel's class]) replaced by Petrel's: classes with
 * private members compare by declaration, and a program that changes its import gets
 * Petrel's classes (Batch, Script…) in their place.
 */
export type Local<T, C extends [unknown, unknown] = never, Depth extends unknown[] = []> =
  // GLIDE's recursive types (GlideReturnType) would recurse forever: below 10 levels, anything.
  unknown extends T
    ? T
    : Depth["length"] extends 10
      ? unknown
      : T extends string | number | boolean | bigint | symbol | null | undefined
        ? T
        : T extends GlideBuffer
          ? Buffer
          : T extends C[0]
            ? Swap<T, C>
            : T extends AnyFunction
              ? T
              : T extends Set<infer U>
                ? Set<Local<U, C, [...Depth, 1]>>
                : T extends Map<infer K, infer V>
                  ? Map<Local<K, C, [...Depth, 1]>, Local<V, C, [...Depth, 1]>>
                  : T extends readonly unknown[]
                    ? { [K in keyof T]: Local<T[K], C, [...Depth, 1]> }
                    : T extends Iterable<infer U>
                      ? Iterable<Local<U, C, [...Depth, 1]>>
                      : { [K in keyof T]: Local<T[K], C, [...Depth, 1]> };

/** Petrel's class for GLIDE's class `T`, from the pairs `C`. */
type Swap<T, C> = C extends [infer Glide, infer Petrel]
  ? T extends Glide
    ? Petrel
    : never
  : never;

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
