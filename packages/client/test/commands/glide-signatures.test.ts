// Type-level: every method GLIDE's GlideClient and Petrel's GlideClient share
// accepts the argument lists GLIDE's declarations accept. GLIDE's declarations
// resolve their own Buffer type, so its Buffers are mapped to this workspace's first.
import type {
  GlideClient as GlideGlideClient,
  GlideFt as GlideGlideFt,
  GlideJson as GlideGlideJson,
  GlideString as GlideGlideString,
} from "@valkey/valkey-glide";
import { describe, expectTypeOf, it } from "vitest";
import type {
  GlideClient,
  GlideClusterClient,
  GlideFt,
  GlideJson,
  ModuleClient,
} from "../../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: matches every function type in a conditional type.
type AnyFunction = (...args: any[]) => unknown;
type GlideBuffer = Exclude<GlideGlideString, string>;

/** GLIDE's argument types with its Buffer replaced by this workspace's. */
type Local<T> = T extends string | number | boolean | bigint | symbol | null | undefined
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

type Shared = {
  [K in keyof GlideGlideClient & keyof GlideClient]: GlideGlideClient[K] extends AnyFunction
    ? GlideClient[K] extends AnyFunction
      ? K
      : never
    : never;
}[keyof GlideGlideClient & keyof GlideClient];

/** Shared methods whose GLIDE argument lists Petrel's methods refuse. */
type Refused = {
  [K in Shared]: Local<Parameters<GlideGlideClient[K]>> extends Parameters<GlideClient[K]>
    ? never
    : K;
}[Shared];

/**
 * Methods taking an instance of one of GLIDE's classes (Batch, Script, BitFieldGet): those
 * classes have private members, so TypeScript compares them by declaration and a program
 * passes Petrel's classes of the same names and constructors instead.
 */
type ClassArguments = "exec" | "invokeScript" | "bitfieldReadOnly";

/** The arguments after the client of a module helper. */
type AfterClient<F> = F extends (client: never, ...rest: infer R) => unknown ? R : never;

/** Static helpers of GLIDE's module class `G` whose arguments Petrel's `P` refuses. */
type RefusedStatics<G, P> = {
  [K in keyof G & keyof P]: G[K] extends AnyFunction
    ? Local<AfterClient<G[K]>> extends AfterClient<P[K]>
      ? never
      : K
    : never;
}[keyof G & keyof P];

describe("GLIDE signatures", () => {
  it("module helpers take both clients and GLIDE's argument shapes", () => {
    expectTypeOf<GlideClient>().toExtend<ModuleClient>();
    expectTypeOf<GlideClusterClient>().toExtend<ModuleClient>();
    expectTypeOf<RefusedStatics<typeof GlideGlideJson, typeof GlideJson>>().toEqualTypeOf<never>();
    expectTypeOf<RefusedStatics<typeof GlideGlideFt, typeof GlideFt>>().toEqualTypeOf<never>();
    expectTypeOf<
      Exclude<keyof typeof GlideGlideJson, keyof typeof GlideJson>
    >().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof typeof GlideGlideFt, keyof typeof GlideFt>>().toEqualTypeOf<never>();
  });

  it("accepts GLIDE's argument shapes for every shared method", () => {
    expectTypeOf<Refused>().toEqualTypeOf<ClassArguments>();
  });

  it("shares the command groups of issue 5", () => {
    expectTypeOf<
      "xadd" | "xinfoStream" | "geosearch" | "bitfield" | "pfadd" | "fcall" | "lcsIdx" | "sort"
    >().toExtend<Shared>();
    expectTypeOf<
      | "subscribe"
      | "psubscribeLazy"
      | "getPubSubMessage"
      | "tryGetPubSubMessage"
      | "getSubscriptions"
    >().toExtend<Shared>();
    expectTypeOf<"functionStats" | "scriptFlush" | "migrate" | "memoryStats">().toExtend<Shared>();
  });
});
