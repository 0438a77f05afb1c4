// Type-level compatibility with @valkey/valkey-glide's published declarations:
// the configuration a GLIDE program writes is accepted, and what Petrel returns
// fits GLIDE's result types. (GLIDE's declarations resolve a different Buffer type
// than this workspace's @types/node, so Buffer-bearing types are checked one way.)
import type {
  GlideClientConfiguration as GlideConfiguration,
  ServerCredentials as GlideCredentials,
  GlideClient as GlideGlideClient,
  ReadFrom as GlideReadFrom,
} from "@valkey/valkey-glide";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type BackoffStrategy,
  ClosingError,
  ConfigurationError,
  ConnectionError,
  Decoder,
  ExecAbortError,
  type GlideClient,
  type NodeAddress,
  ProtocolVersion,
  type ReadFrom,
  RequestError,
  type ServerCredentials,
  TimeoutError,
} from "../src/index.js";

type GlideAdvanced = NonNullable<GlideConfiguration["advancedConfiguration"]>;

describe("GLIDE compatibility", () => {
  it("has GLIDE's enum values", () => {
    expect([ProtocolVersion.RESP3, ProtocolVersion.RESP2]).toEqual([0, 1]);
    expect([Decoder.Bytes, Decoder.String]).toEqual([0, 1]);
  });

  it("accepts GLIDE's configuration shapes", () => {
    expectTypeOf<GlideConfiguration["addresses"][number]>().toExtend<NodeAddress>();
    expectTypeOf<GlideCredentials>().toExtend<ServerCredentials>();
    expectTypeOf<
      NonNullable<GlideConfiguration["connectionBackoff"]>
    >().toExtend<BackoffStrategy>();
    expectTypeOf<GlideReadFrom>().toEqualTypeOf<ReadFrom>();
    expectTypeOf<GlideAdvanced["connectionTimeout"]>().toEqualTypeOf<number | undefined>();
  });

  it("has GLIDE's client entry points", () => {
    expectTypeOf<Parameters<GlideClient["close"]>>().toEqualTypeOf<
      Parameters<GlideGlideClient["close"]>
    >();
    expectTypeOf<Parameters<GlideClient["updateConnectionPassword"]>>().toEqualTypeOf<
      Parameters<GlideGlideClient["updateConnectionPassword"]>
    >();
    expectTypeOf<ReturnType<GlideClient["updateConnectionPassword"]>>().toEqualTypeOf<
      Promise<"OK">
    >();
    expectTypeOf<ReturnType<GlideClient["customCommand"]>>().toExtend<
      ReturnType<GlideGlideClient["customCommand"]>
    >();
    expectTypeOf<ReturnType<GlideClient["get"]>>().toExtend<ReturnType<GlideGlideClient["get"]>>();
    expectTypeOf<ReturnType<GlideClient["exec"]>>().toExtend<
      ReturnType<GlideGlideClient["exec"]>
    >();
    expectTypeOf<ReturnType<GlideClient["getStatistics"]>>().toExtend<
      ReturnType<GlideGlideClient["getStatistics"]>
    >();
    expectTypeOf<ReturnType<GlideClient["set"]>>().toExtend<ReturnType<GlideGlideClient["set"]>>();
    expectTypeOf<GlideClient["customCommand"]>().toBeCallableWith(["GET", "k"], {
      decoder: Decoder.Bytes,
    });
    expectTypeOf<GlideClient["set"]>().toBeCallableWith("k", "v", {
      conditionalSet: "onlyIfDoesNotExist",
    });
  });

  it("has GLIDE's error hierarchy", () => {
    for (const errorClass of [TimeoutError, ExecAbortError, ConnectionError, ConfigurationError]) {
      expect(new errorClass("x")).toBeInstanceOf(RequestError);
    }
    expect(new ClosingError("x")).not.toBeInstanceOf(RequestError);
  });
});
