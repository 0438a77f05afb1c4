// Bundles a small app and `petrel` with esbuild (minified, for Node) and
// reports the size. Two apps: scripts/bundle-app/standalone-app.js (GlideClient)
// and scripts/bundle-app/cluster-app.js (GlideClusterClient). By default it
// bundles what npm users get, the built packages (run `pnpm build` first):
// esbuild takes their `module` condition, the per-module build under
// dist/module/. Run directly: `node scripts/bundle.mjs [outdir]` prints both
// sizes; `node scripts/bundle.mjs --top 30` also lists the modules that put the
// most bytes into each (esbuild's metafile, after minification);
// test/bundle.test.ts also runs both bundles against the fake.
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const packages = path.resolve(here, "../..");

/** The built files a bundle of `petrel` reads; a clear error when one is missing. */
function requireBuiltPackages() {
  const missing = ["petrel", "client", "commands", "protocol", "batch", "cluster"].filter(
    (dir) => !existsSync(path.join(packages, dir, "dist/module/index.js")),
  );
  if (missing.length > 0) {
    throw new Error(
      `bundle.mjs bundles the built packages, and ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not built: run \`pnpm build\` first (or pass fromSource: true)`,
    );
  }
}

/**
 * @param {{ outdir?: string, fromSource?: boolean, source?: string, app?: "cluster" | "standalone" }} options
 *   app: which of the two apps to bundle (default cluster); source: instead, the
 *   TypeScript of an app, resolved from this package; fromSource: bundle the
 *   TypeScript sources through the `petrel-source` condition (no build needed).
 * @returns {Promise<{ file: string, bytes: number, inputs: string[], sizes: [string, number][] }>}
 *   inputs: the modules that put code into the bundle; sizes: their bytes in it, largest first.
 */
export async function bundleApp(options = {}) {
  const outdir = options.outdir ?? mkdtempSync(path.join(tmpdir(), "petrel-bundle-"));
  const app = options.app ?? "cluster";
  const file = path.join(outdir, `${app}-app.mjs`);
  if (options.fromSource !== true) requireBuiltPackages();
  const result = await build({
    ...(options.source === undefined
      ? { entryPoints: [path.join(here, `bundle-app/${app}-app.js`)] }
      : {
          stdin: { contents: options.source, resolveDir: here, loader: "ts", sourcefile: "app.ts" },
        }),
    outfile: file,
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // esbuild's default conditions include `module`; naming any replaces them.
    ...(options.fromSource === true ? { conditions: ["petrel-source"] } : {}),
    metafile: true,
    logLevel: "silent",
  });
  // The modules that put code into the bundle (a module tree-shaken to nothing is left out).
  const output = Object.values(result.metafile.outputs)[0];
  const sizes = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([name, input]) => /** @type {[string, number]} */ ([name, input.bytesInOutput]))
    .sort((a, b) => b[1] - a[1]);
  return { file, bytes: statSync(file).size, inputs: sizes.map(([name]) => name), sizes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf("--top");
  const top = topAt === -1 ? 0 : Number(args.splice(topAt, 2)[1] ?? 30);
  for (const app of /** @type {const} */ (["standalone", "cluster"])) {
    const { file, bytes, inputs, sizes } = await bundleApp({ outdir: args[0], app });
    const kib = (bytes / 1024).toFixed(1);
    console.log(
      `${app}: ${file}: ${bytes} bytes (${kib} KiB) minified, from ${inputs.length} modules`,
    );
    for (const [name, size] of sizes.slice(0, top))
      console.log(`${String(size).padStart(8)}  ${name}`);
  }
}
