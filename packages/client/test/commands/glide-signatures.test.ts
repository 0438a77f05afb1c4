// Type-level: every method GLIDE's GlideClient and Petrel's GlideClient share
// accepts the argument lists GLIDE's declarations accept (helpers in
// test/helpers/glide-types.ts).
import type {
  GlideClient as GlideGlideClient,
  GlideFt as GlideGlideFt,
  GlideJson as GlideGlideJson,
} from "@valkey/valkey-glide";
import { describe, expectTypeOf, it } from "vitest";
import type {
  GlideClient,
  GlideClusterClient,
  GlideFt,
  GlideJson,
  ModuleClient,
} from "../../src/index.js";
import type { AnyFunction, Local, RefusedStatics } from "../helpers/glide-types.js";

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
