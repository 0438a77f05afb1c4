// Each package README's example, taken from the README itself, bundled from the
// package's sources and run against the fake (its 127.0.0.1:6379 pointed at the
// fake's port): the examples stay runnable and print what their comments say.
// (The cluster, commands, fake-valkey and petrel READMEs have their own tests.)
// @petrel/compression's example runs from that package, which lists petrel among its
// devDependencies so that the example's `from "petrel"` resolves there.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Decoder, GlideClient } from "@petrel/client";
import { type FakeStandalone, startStandalone } from "@petrel/fake-valkey";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/module-exports.js";

let fake: FakeStandalone;
let scratch: string;
beforeAll(async () => {
  fake = await startStandalone();
  scratch = mkdtempSync(path.join(tmpdir(), "petrel-readme-"));
});
afterAll(async () => {
  await fake?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The first ```ts block under "## Example" that contains `marker`. */
function exampleOf(packageDir: string, marker: string): string {
  const readme = readFileSync(path.join(repoRoot, "packages", packageDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Example"));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  const example = blocks.find((block) => block.includes(marker));
  if (example === undefined)
    throw new Error(`packages/${packageDir}/README.md: no example with ${marker}`);
  return example;
}

/**
 * Bundles `source` as if it sat in `resolveFrom` (the package itself, or petrel for
 * an example that imports packages the first does not depend on), runs it, and returns what it printed.
 * `external` packages stay outside the bundle (WebAssembly packages that read their files
 * beside them); the bundle is then written in `resolveFrom`, where Node finds them.
 */
async function run(
  packageDir: string,
  source: string,
  resolveFrom = packageDir,
  external: string[] = [],
): Promise<string> {
  const outDir =
    external.length === 0
      ? scratch
      : mkdtempSync(path.join(repoRoot, "packages", resolveFrom, ".readme-"));
  const outfile = path.join(outDir, `${packageDir}-example.mjs`);
  try {
    return await bundleAndRun(packageDir, source, resolveFrom, external, outfile);
  } finally {
    if (outDir !== scratch) rmSync(outDir, { recursive: true, force: true });
  }
}

async function bundleAndRun(
  packageDir: string,
  source: string,
  resolveFrom: string,
  external: string[],
  outfile: string,
): Promise<string> {
  await build({
    stdin: {
      contents: source.replaceAll("port: 6379", `port: ${fake.primary.port}`),
      resolveDir: path.join(repoRoot, "packages", resolveFrom),
      loader: "ts",
      sourcefile: `${packageDir}/README.md`,
    },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    conditions: ["petrel-source"],
    external,
    // CommonJS dependencies (OpenTelemetry, AWS) call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as createRequireForBanner } from "node:module"; const require = createRequireForBanner(import.meta.url);',
    },
    logLevel: "silent",
  });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], { timeout: 20_000 });
  return stdout;
}

describe("package README examples", () => {
  it("@petrel/protocol: encodes commands and decodes a byte-by-byte stream", async () => {
    const output = await run("protocol", exampleOf("protocol", "RespDecoder"));
    expect(output).toContain("*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n");
    expect(output).toContain("push [ 'invalidate' ]");
    expect(output).toContain("reply [ { key: 'score', value: 1.5 } ]");
  });

  it("@petrel/client: a GlideClient, a Bytes decoder and a batch", async () => {
    const output = await run("client", exampleOf("client", "GlideClient"), "petrel");
    expect(output.split("\n").slice(0, 3)).toEqual([
      "hello",
      "<Buffer 68 65 6c 6c 6f>",
      "[ 1, 'hello' ]",
    ]);
  });

  it("@petrel/batch: an atomic batch", async () => {
    const output = await run("batch", exampleOf("batch", "new Batch(true)"));
    expect(output.trim()).toBe("[ 'OK', 'OK', 50, 50, '50' ]");
  });

  it("@petrel/otel: spans and metrics to a file", async () => {
    const file = path.join(scratch, "signals.json");
    const source = exampleOf("otel", "OpenTelemetry.init").replaceAll(
      "/tmp/petrel-signals.json",
      file,
    );
    await run("otel", source, "petrel");
    const signals = readFileSync(file, "utf8");
    expect(signals).toContain('"signal":"span"');
    expect(signals).toMatch(/"name":"Set"/);
  });

  it("@petrel/compression: a value stored compressed and read back whole", async () => {
    const output = await run(
      "compression",
      exampleOf("compression", "@petrel/compression/register"),
      "compression",
      ["@bokuweb/zstd-wasm", "lz4-wasm-nodejs", "fzstd"],
    );
    const original = JSON.stringify({ rows: Array(500).fill("same text") });
    expect(output.trim().split("\n")).toEqual([String(original.length), "1"]);
    // The server holds GLIDE's zstd header and far fewer bytes.
    const raw = await GlideClient.createClient({ addresses: [fake.primary] });
    const stored = (await raw.get("report", { decoder: Decoder.Bytes })) as Buffer;
    raw.close();
    expect([...stored.subarray(0, 5)]).toEqual([0, 1, 2, 0, 1]);
    expect(stored.length).toBeLessThan(original.length / 10);
  });

  it("@petrel/iam: a token signed offline", async () => {
    const output = await run("iam", exampleOf("iam", "generateIamAuthToken"));
    expect(output.trim()).toMatch(
      /^my-cache\/\?Action=connect&User=app-user&X-Amz-Algorithm=AWS4-HMAC-SHA256&/,
    );
  });
});
