// The README's example, taken from the README itself, bundled and run
// against the fake cluster.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type FakeCluster, startCluster } from "@petrel/fake-valkey";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bundleApp } from "../scripts/bundle.mjs";
import { packageRoot } from "./support/module-exports.js";

let fake: FakeCluster;
beforeAll(async () => {
  fake = await startCluster({ shards: 3 });
});
afterAll(async () => {
  await fake?.stop();
});

it("runs the README's example and prints what its comment says", async () => {
  const readme = readFileSync(path.join(packageRoot, "README.md"), "utf8");
  const example = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toContain('from "petrel"');
  const { file } = await bundleApp({ source: example as string });
  const seed = fake.seeds[0];
  const { stdout } = await promisify(execFile)(process.execPath, [file], {
    env: { ...process.env, VALKEY_URL: `valkey://${seed?.host}:${seed?.port}` },
    timeout: 20_000,
  });
  expect(stdout.trim()).toBe("[ 1, 'Ada' ]");
});
