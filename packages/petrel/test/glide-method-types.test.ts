// Type-level (checked by this package's typecheck): code typed against GLIDE's
// BaseClient, GlideClient, GlideClusterClient, BaseBatch, Batch and ClusterBatch
// compiles against Petrel's. For every public method they share, GLIDE's
// argument list is accepted by Petrel's method, and Petrel's result fits GLIDE's
// (batch methods return the batch itself); every GLIDE method exists, but for
// GLIDE's internals. A method GLIDE adds or changes fails here.
import type { BaseBatch, Batch, ClusterBatch } from "@petrel/batch";
import type {
  BaseClient,
  ClusterScanCursor,
  GlideClient,
  GlideClusterClient,
  Script,
} from "@petrel/client";
import type { BitFieldGet, GlideString } from "@petrel/commands";
import type * as Glide from "@valkey/valkey-glide";
import { describe, expectTypeOf, it } from "vitest";
import type { AnyFunction, Local } from "../../client/test/helpers/glide-types.js";

/** GLIDE's classes that appear in signatures, and Petrel's classes of the same name. */
type Classes =
  | [Glide.Batch, Batch]
  | [Glide.ClusterBatch, ClusterBatch]
  | [Glide.Script, Script]
  | [Glide.ClusterScanCursor, ClusterScanCursor]
  | [Glide.BitFieldGet, BitFieldGet];

type Methods<T> = { [K in keyof T]-?: T[K] extends AnyFunction ? K : never }[keyof T];
type Shared<G, P> = Extract<keyof G & keyof P, Methods<G> & Methods<P>>;
type Fn<T> = T extends AnyFunction ? T : never;

/** Shared methods whose GLIDE argument lists Petrel's refuse. */
type Refused<G, P> = {
  [K in Shared<G, P>]: Local<Parameters<Fn<G[K]>>, Classes> extends Parameters<Fn<P[K]>>
    ? never
    : K;
}[Shared<G, P>];

type LocalResult<R> = R extends Promise<infer V> ? Promise<Local<V, Classes>> : Local<R, Classes>;

/** Shared methods whose Petrel result does not fit GLIDE's. */
type WrongResult<G, P> = {
  [K in Shared<G, P>]: ReturnType<Fn<P[K]>> extends LocalResult<ReturnType<Fn<G[K]>>> ? never : K;
}[Shared<G, P>];

/** Shared batch methods that do not return the batch `Self`. */
type NotChained<G, P, Self> = {
  [K in Shared<G, P>]: ReturnType<Fn<P[K]>> extends Self ? never : K;
}[Shared<G, P>];

/** GLIDE's public methods Petrel does not have. */
type Absent<G, P> = Exclude<Methods<G>, Methods<P>>;

/**
 * Public in GLIDE's declarations but its own plumbing (protobuf responses and pushes from its
 * Rust core, constructor helpers); see packages/client/GLIDE-COVERAGE.md.
 */
type GlideInternals =
  | "processResponse"
  | "processPush"
  | "cancelPubSubFuturesWithExceptionSafe"
  | "isPubsubConfigured"
  | "getPubsubCallbackAndContext"
  | "notificationToPubSubMessageSafe"
  | "completePubSubFuturesSafe";

/**
 * GLIDE declares `pexpireAt` as `Promise<number>`, while its documentation, its `expireAt`
 * and `pexpire`, and the reply its core returns are booleans: Petrel resolves to the boolean.
 */
type DeclaredDifferently = "pexpireAt";

describe("GLIDE's method signatures", () => {
  it("BaseClient: every method, GLIDE's arguments, GLIDE's results", () => {
    expectTypeOf<Absent<Glide.BaseClient, BaseClient>>().toEqualTypeOf<GlideInternals>();
    expectTypeOf<Refused<Glide.BaseClient, BaseClient>>().toEqualTypeOf<never>();
    expectTypeOf<WrongResult<Glide.BaseClient, BaseClient>>().toEqualTypeOf<DeclaredDifferently>();
  });

  it("GlideClient", () => {
    expectTypeOf<Absent<Glide.GlideClient, GlideClient>>().toEqualTypeOf<GlideInternals>();
    expectTypeOf<Refused<Glide.GlideClient, GlideClient>>().toEqualTypeOf<never>();
    expectTypeOf<
      WrongResult<Glide.GlideClient, GlideClient>
    >().toEqualTypeOf<DeclaredDifferently>();
  });

  it("GlideClusterClient", () => {
    expectTypeOf<
      Absent<Glide.GlideClusterClient, GlideClusterClient>
    >().toEqualTypeOf<GlideInternals>();
    expectTypeOf<Refused<Glide.GlideClusterClient, GlideClusterClient>>().toEqualTypeOf<never>();
    expectTypeOf<
      WrongResult<Glide.GlideClusterClient, GlideClusterClient>
    >().toEqualTypeOf<DeclaredDifferently>();
  });

  it("BaseBatch<T> is generic, as GLIDE's", () => {
    expectTypeOf<Absent<Glide.BaseBatch<Glide.Batch>, BaseBatch<Batch>>>().toEqualTypeOf<never>();
    expectTypeOf<Refused<Glide.BaseBatch<Glide.Batch>, BaseBatch<Batch>>>().toEqualTypeOf<never>();
    expectTypeOf<NotChained<Glide.BaseBatch<Glide.Batch>, BaseBatch<Batch>, Batch>>()
      // isAtomic is a property, not a method, on both sides.
      .toEqualTypeOf<never>();
    expectTypeOf<Batch>().toExtend<BaseBatch<Batch>>();
    expectTypeOf<ClusterBatch>().toExtend<BaseBatch<ClusterBatch>>();
  });

  it("Batch", () => {
    expectTypeOf<Absent<Glide.Batch, Batch>>().toEqualTypeOf<never>();
    expectTypeOf<Refused<Glide.Batch, Batch>>().toEqualTypeOf<never>();
    expectTypeOf<NotChained<Glide.Batch, Batch, Batch>>().toEqualTypeOf<never>();
  });

  it("ClusterBatch", () => {
    expectTypeOf<Absent<Glide.ClusterBatch, ClusterBatch>>().toEqualTypeOf<never>();
    expectTypeOf<Refused<Glide.ClusterBatch, ClusterBatch>>().toEqualTypeOf<never>();
    expectTypeOf<
      NotChained<Glide.ClusterBatch, ClusterBatch, ClusterBatch>
    >().toEqualTypeOf<never>();
  });

  it("compiles a function typed against BaseClient", () => {
    const read = (client: BaseClient) => client.get("k");
    expectTypeOf(read).returns.toEqualTypeOf<Promise<GlideString | null>>();
    expectTypeOf<GlideClient>().toExtend<BaseClient>();
    expectTypeOf<GlideClusterClient>().toExtend<BaseClient>();
  });
});
