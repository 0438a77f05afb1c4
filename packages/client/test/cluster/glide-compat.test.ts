// GlideClusterClient against GLIDE's published declarations: every public
// method GLIDE declares exists (except the features listed as missing), and
// GLIDE's cluster configuration shapes are accepted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  GlideClusterClientConfiguration as GlideClusterConfiguration,
  GlideClusterClient as GlideGlideClusterClient,
} from "@valkey/valkey-glide";
import { describe, expect, expectTypeOf, it } from "vitest";
import { GlideClusterClient, type GlideClusterClientConfiguration } from "../../src/index.js";

/** GLIDE internals, public in its declarations. */
const notProvided = new Set([
  ...["processResponse", "processPush", "cancelPubSubFuturesWithExceptionSafe"],
  ...["isPubsubConfigured", "getPubsubCallbackAndContext", "notificationToPubSubMessageSafe"],
  "completePubSubFuturesSafe",
]);

function glideMethodNames(): string[] {
  const declarations = fileURLToPath(
    new URL("../../node_modules/@valkey/valkey-glide/build-ts/", import.meta.url),
  );
  const names = new Set<string>();
  for (const file of ["GlideClusterClient.d.ts", "BaseClient.d.ts"]) {
    const text = readFileSync(join(declarations, file), "utf8");
    for (const match of text.matchAll(/^ {4}(?:static )?([a-zA-Z]\w*)(?:<[^>]*>)?\(/gm))
      names.add(match[1] as string);
  }
  return [...names];
}

describe("GLIDE compatibility of GlideClusterClient", () => {
  it("has every public method GLIDE declares, except the listed missing features", () => {
    const names = glideMethodNames();
    expect(names.length).toBeGreaterThan(200);
    const owner = GlideClusterClient as unknown as Record<string, unknown>;
    const prototype = GlideClusterClient.prototype as unknown as Record<string, unknown>;
    const missing = names.filter(
      (name) => !notProvided.has(name) && !(name in prototype) && !(name in owner),
    );
    expect(missing).toEqual([]);
    // The list above stays honest: each entry really is absent.
    expect([...notProvided].filter((name) => name in prototype)).toEqual([]);
  });

  it("accepts GLIDE's cluster configuration shapes", () => {
    expectTypeOf<NonNullable<GlideClusterConfiguration["periodicChecks"]>>().toExtend<
      NonNullable<GlideClusterClientConfiguration["periodicChecks"]>
    >();
    expectTypeOf<
      NonNullable<
        GlideClusterConfiguration["advancedConfiguration"]
      >["refreshTopologyFromInitialNodes"]
    >().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ReturnType<GlideClusterClient["getStatistics"]>>().toExtend<
      ReturnType<GlideGlideClusterClient["getStatistics"]>
    >();
    expectTypeOf<GlideClusterClient["customCommand"]>().toBeCallableWith(["DBSIZE"], {
      route: "allPrimaries",
    });
  });
});
