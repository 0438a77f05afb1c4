// The packaging check that is cheap enough for every test run: esbuild bundles
// two small apps using the built `petrel` packages, as an npm user's bundler
// would (standalone and cluster), and each bundle runs against the fake.
// turbo builds the packages before this package's tests.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import {
  type FakeCluster,
  type FakeStandalone,
  startCluster,
  startStandalone,
} from "@petrel/fake-valkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundleResult, bundleApp } from "../scripts/bundle.mjs";

const run = promisify(execFile);
let cluster: FakeCluster;
let standalone: FakeStandalone;
const bundles: Record<"cluster" | "standalone", BundleResult> = {} as never;

beforeAll(async () => {
  [cluster, standalone, bundles.cluster, bundles.standalone] = await Promise.all([
    startCluster({ shards: 3 }),
    startStandalone(),
    bundleApp({ app: "cluster" }),
    bundleApp({ app: "standalone" }),
  ]);
}, 30_000);

afterAll(async () => {
  await cluster?.stop();
  await standalone?.stop();
});

async function runBundle(bundle: BundleResult, host: string, port: number): Promise<unknown> {
  const { stdout } = await run(process.execPath, [bundle.file, `valkey://${host}:${port}`], {
    timeout: 20_000,
  });
  return JSON.parse(stdout);
}

describe("an esbuild bundle of an app using petrel", () => {
  it("runs against a cluster", async () => {
    const seed = cluster.seeds[0] as { host: string; port: number };
    await expect(runBundle(bundles.cluster, seed.host, seed.port)).resolves.toEqual({
      results: [42, "42"],
      value: "42",
    });
  });

  it("runs against a standalone server", async () => {
    const { host, port } = standalone.primary;
    await expect(runBundle(bundles.standalone, host, port)).resolves.toEqual({
      results: [42, "42"],
      value: "42",
    });
  });

  it("leaves OpenTelemetry, AWS and the test fake out", () => {
    for (const bundle of Object.values(bundles)) {
      const optional = bundle.inputs.filter((input) =>
        /@opentelemetry|@aws-sdk|@smithy|(^|\/)(otel|iam|fake-valkey)\/(src|dist)\//.test(input),
      );
      expect(optional).toEqual([]);
    }
  });

  it("takes the per-module build, the one a bundler can tree-shake", () => {
    for (const bundle of Object.values(bundles)) {
      // Paths are relative to this package: ../client/dist/module/index.js, …
      const petrel = bundle.inputs.filter((input) => /^\.\.\/[\w-]+\/(src|dist)\//.test(input));
      expect(petrel.length).toBeGreaterThan(50);
      expect(petrel.filter((input) => !/\/dist\/module\//.test(input))).toEqual([]);
    }
  });

  it("leaves the cluster client out of a standalone app", () => {
    const cluster = bundles.standalone.inputs.filter((input) =>
      /^\.\.\/cluster\/|client\/dist\/module\/cluster\//.test(input),
    );
    expect(cluster).toEqual([]);
    expect(
      bundles.cluster.inputs.some((input) => /client\/dist\/module\/cluster\//.test(input)),
    ).toBe(true);
  });

  it("stays within its size budget", () => {
    // README records the current sizes; the budgets catch accidental growth.
    for (const [app, budget] of [
      ["standalone", 151_500],
      ["cluster", 193_500],
    ] as const) {
      const bundle = bundles[app];
      const gzipped = gzipSync(readFileSync(bundle.file)).length;
      expect(bundle.bytes).toBeLessThan(budget);
      console.info(`${app} bundle: ${bundle.bytes} bytes minified, ${gzipped} gzipped`);
    }
  });
});
