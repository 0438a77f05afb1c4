// A program that compressed large values on @petrel/compression's worker thread
// exits by itself once it closes its clients: the idle worker must not hold the
// process. Bundled and minified, as an application ships it, which also runs the
// worker's zstd code from its minified text.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type FakeStandalone, startStandalone } from "@petrel/fake-valkey";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "./support/module-exports.js";

let fake: FakeStandalone;
beforeAll(async () => {
  fake = await startStandalone();
});
afterAll(async () => {
  await fake?.stop();
});

const program = (port: number) => `
import "@petrel/compression/register";
import { loadCodecs } from "@petrel/compression";
import { GlideClient } from "petrel";

const client = await GlideClient.createClient({
  addresses: [{ host: "127.0.0.1", port: ${port} }],
  compression: { enabled: true },
});
const { pool } = await loadCodecs();
// The first ready() starts the worker; large values go to it once it has loaded.
for (let i = 0; i < 1000 && pool !== undefined && !pool.ready(); i++)
  await new Promise((resolve) => setTimeout(resolve, 10));
const value = JSON.stringify(Array.from({ length: 3000 }, (_, id) => ({ id, name: "user-" + id })));
await client.set("exit-check", value);
console.log((await client.get("exit-check")) === value, pool?.workerCount ?? 0);
client.close();
`;

it("exits by itself after closing a client whose values went through the worker", async () => {
  // Written inside the compression package, where Node finds its WebAssembly packages.
  const dir = mkdtempSync(path.join(repoRoot, "packages", "compression", ".exit-"));
  try {
    const outfile = path.join(dir, "exit-check.mjs");
    await build({
      stdin: {
        contents: program(fake.primary.port),
        resolveDir: path.join(repoRoot, "packages", "compression"),
        loader: "ts",
      },
      outfile,
      bundle: true,
      minify: true,
      platform: "node",
      target: "node20",
      format: "esm",
      conditions: ["petrel-source"],
      external: ["@bokuweb/zstd-wasm", "lz4-wasm-nodejs", "fzstd"],
      logLevel: "silent",
    });
    // A process the worker held would run into the timeout and fail here.
    const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe("true 1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 40_000);
