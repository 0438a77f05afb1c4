// Bundles scripts/bundle-app/app.js and `petrel` with esbuild (minified, for
// Node) and reports the size. Run directly: `node scripts/bundle.mjs [outdir]`
// prints the size; test/bundle.test.ts also runs the bundle against the fake.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ outdir?: string, fromSource?: boolean, source?: string }} options source: the
 *   TypeScript of the app to bundle, resolved from this package (default
 *   scripts/bundle-app/app.js); fromSource: bundle the
 *   TypeScript sources through the `petrel-source` condition (no build needed).
 * @returns {Promise<{ file: string, bytes: number, inputs: string[] }>}
 */
export async function bundleApp(options = {}) {
  const outdir = options.outdir ?? mkdtempSync(path.join(tmpdir(), "petrel-bundle-"));
  const file = path.join(outdir, "app.mjs");
  const result = await build({
    ...(options.source === undefined
      ? { entryPoints: [path.join(here, "bundle-app/app.js")] }
      : {
          stdin: { contents: options.source, resolveDir: here, loader: "ts", sourcefile: "app.ts" },
        }),
    outfile: file,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "esm",
    conditions: options.fromSource === false ? [] : ["petrel-source"],
    metafile: true,
    logLevel: "silent",
  });
  return { file, bytes: statSync(file).size, inputs: Object.keys(result.metafile.inputs) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { file, bytes, inputs } = await bundleApp({ outdir: process.argv[2] });
  const kib = (bytes / 1024).toFixed(1);
  console.log(`${file}: ${bytes} bytes (${kib} KiB) minified, from ${inputs.length} modules`);
}
