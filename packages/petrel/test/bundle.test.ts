// The packaging check that is cheap enough for every test run: esbuild bundles
// a small app using `petrel`, and the bundle runs against the fake cluster.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { type FakeCluster, startCluster } from "@petrel/fake-valkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundleResult, bundleApp } from "../scripts/bundle.mjs";

const run = promisify(execFile);
let fake: FakeCluster;
let bundle: BundleResult;

beforeAll(async () => {
  [fake, bundle] = await Promise.all([startCluster({ shards: 3 }), bundleApp()]);
}, 30_000);

afterAll(async () => {
  await fake?.stop();
});

describe("an esbuild bundle of an app using petrel", () => {
  it("runs against a cluster", async () => {
    const seed = fake.seeds[0];
    const { stdout } = await run(
      process.execPath,
      [bundle.file, `valkey://${seed?.host}:${seed?.port}`],
      {
        timeout: 20_000,
      },
    );
    expect(JSON.parse(stdout)).toEqual({ results: [42, "42"], value: "42" });
  });

  it("leaves OpenTelemetry, AWS and the test fake out", () => {
    const optional = bundle.inputs.filter((input) =>
      /@opentelemetry|@aws-sdk|@smithy|packages\/(otel|iam|fake-valkey)\//.test(input),
    );
    expect(optional).toEqual([]);
  });

  it("stays within its size budget", () => {
    // README records the current size; the budget catches accidental growth.
    const gzipped = gzipSync(readFileSync(bundle.file)).length;
    expect(bundle.bytes).toBeLessThan(320 * 1024);
    expect(gzipped).toBeLessThan(96 * 1024);
    console.info(`bundle: ${bundle.bytes} bytes minified, ${gzipped} gzipped`);
  });
});
