// The README's example, taken from the README itself, bundled from the sources and
// run in its own process against the fake (its 127.0.0.1:6379 pointed at the fake's
// port): it stays runnable and prints what its comments say. The codec packages stay
// outside the bundle, as an application's bundler leaves WebAssembly packages, and the
// bundle sits in this package so that Node finds them.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Decoder, GlideClient } from "@petrel/client";
import { type FakeStandalone, startStandalone } from "@petrel/fake-valkey";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let fake: FakeStandalone;
let scratch: string;
beforeAll(async () => {
  fake = await startStandalone();
  scratch = mkdtempSync(path.join(packageDir, "test", ".readme-"));
});
afterAll(async () => {
  await fake?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

it("runs the README's example and prints what its comments say", async () => {
  const readme = readFileSync(path.join(packageDir, "README.md"), "utf8");
  const example = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  expect(example).toContain('import "@petrel/compression/register"');
  const outfile = path.join(scratch, "example.mjs");
  await build({
    stdin: {
      contents: example.replaceAll("port: 6379", `port: ${fake.primary.port}`),
      resolveDir: packageDir,
      loader: "ts",
      sourcefile: "compression/README.md",
    },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    conditions: ["petrel-source"],
    external: ["@bokuweb/zstd-wasm", "lz4-wasm-nodejs", "fzstd"],
    logLevel: "silent",
  });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], { timeout: 20_000 });
  const original = JSON.stringify({ rows: Array(500).fill("same text") });
  expect(stdout.trim().split("\n")).toEqual([String(original.length), "1"]);
  // And it was stored compressed: the server holds GLIDE's zstd header and far fewer bytes.
  const raw = await GlideClient.createClient({ addresses: [fake.primary] });
  const stored = (await raw.get("report", { decoder: Decoder.Bytes })) as Buffer;
  raw.close();
  expect([...stored.subarray(0, 5)]).toEqual([0, 1, 2, 0, 1]);
  expect(stored.length).toBeLessThan(original.length / 10);
});
