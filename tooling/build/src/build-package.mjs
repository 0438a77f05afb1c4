// Builds one workspace package into dist/: an esbuild ESM bundle per entry point
// (so Node loads a handful of files at import instead of ~150 small modules, which
// is most of a cold start), then the .d.ts files from tsc. Bare imports (the other
// @petrel/* packages, npm dependencies, node: built-ins) stay external, so the
// packages remain separate and can be imported one by one; only dependencies
// named in `inline` are bundled in (a small CommonJS leaf, whose loading through
// Node's CommonJS translator costs more than its code).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";
import { classNames } from "./class-names.mjs";

const require = createRequire(import.meta.url);

/**
 * The entry points of a package: every `exports` entry that maps a
 * `petrel-source` TypeScript file to a `default` JavaScript file, plus extra
 * sources (e.g. a CLI) that land at the same path under dist/ with `.js`.
 * @param {{ exports?: Record<string, unknown> }} manifest package.json
 * @param {readonly string[]} [extraSources] e.g. ["src/cli/main.ts"]
 * @returns {{ in: string, out: string }[]} `out` is relative to dist/, without extension
 */
export function entryPointsOf(manifest, extraSources = []) {
  const entries = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target !== "object" || target === null) continue;
    const source = /** @type {Record<string, unknown>} */ (target)["petrel-source"];
    const output = /** @type {Record<string, unknown>} */ (target).default;
    if (source === undefined && output === undefined) continue;
    if (typeof source !== "string" || typeof output !== "string") {
      throw new Error(`exports["${subpath}"] needs both a "petrel-source" and a "default" path`);
    }
    entries.push({ in: source, out: outputStem(output, `exports["${subpath}"].default`) });
    const moduleOutput = /** @type {Record<string, unknown>} */ (target).module;
    if (moduleOutput !== undefined && moduleOutput !== moduleOutputOf(source)) {
      throw new Error(
        `exports["${subpath}"].module must be ${moduleOutputOf(source)} (the module build of ${source}), got ${String(moduleOutput)}`,
      );
    }
  }
  for (const source of extraSources) {
    if (!/^(\.\/)?src\/.+\.ts$/.test(source)) {
      throw new Error(`An extra entry must be a .ts file under src/, got ${source}`);
    }
    entries.push({ in: source, out: source.replace(/^(\.\/)?src\//, "").replace(/\.ts$/, "") });
  }
  if (entries.length === 0) throw new Error("The package has no entry point to build");
  return entries;
}

/** True for "pkg", "@scope/pkg", "pkg/sub", "node:fs"; false for relative and absolute paths. */
export function isBareSpecifier(specifier) {
  return !/^(\.{1,2}(\/|$)|\/|[a-zA-Z]:[\\/]|file:)/.test(specifier);
}

/** The package a bare specifier names: "@scope/pkg/sub" → "@scope/pkg". */
export function packageNameOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : /** @type {string} */ (parts[0]);
}

/**
 * Keeps every bare import external (resolved by Node at run time) except the
 * packages in `inline`, which esbuild resolves and bundles.
 * @param {ReadonlySet<string>} inline
 * @returns {import("esbuild").Plugin}
 */
function externalBareImports(inline) {
  return {
    name: "external-bare-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point" || !isBareSpecifier(args.path)) return undefined;
        if (inline.has(packageNameOf(args.path))) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Bundled-in code ships inside dist/, so its licence travels with it:
 * dist/THIRD_PARTY_LICENSES.md lists each inlined package with its licence text.
 */
function writeThirdPartyLicenses(packageDir, inline) {
  const resolveFrom = createRequire(path.join(packageDir, "package.json"));
  const sections = inline.map((name) => {
    const manifestPath = resolveFrom.resolve(`${name}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const directory = path.dirname(manifestPath);
    const licenseFile = readdirSync(directory).find((file) => /^(licen[cs]e|copying)/i.test(file));
    if (licenseFile === undefined)
      throw new Error(`${name} has no LICENSE file to ship with its code`);
    const text = readFileSync(path.join(directory, licenseFile), "utf8").trim();
    return `## ${name} ${manifest.version} (${manifest.license})\n\n\`\`\`text\n${text}\n\`\`\`\n`;
  });
  writeFileSync(
    path.join(packageDir, "dist", "THIRD_PARTY_LICENSES.md"),
    `# Third-party code bundled into dist/\n\n${sections.join("\n")}`,
  );
}

/** Where the module build puts a source file: ./src/a/b.ts → ./dist/module/a/b.js. */
export function moduleOutputOf(source) {
  return `./dist/module/${source.replace(/^(\.\/)?src\//, "").replace(/\.ts$/, ".js")}`;
}

/** True when some `exports` entry names a `module` build for bundlers. */
function declaresModuleBuild(manifest) {
  return Object.values(manifest.exports ?? {}).some(
    (target) => typeof target === "object" && target !== null && "module" in target,
  );
}

/**
 * Keeps every import external except the packages in `inline`: relative
 * imports stay as written, so each source file becomes one output file.
 * @param {ReadonlySet<string>} inline
 * @returns {import("esbuild").Plugin}
 */
function externalExceptInlined(inline) {
  return {
    name: "external-except-inlined",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (isBareSpecifier(args.path) && inline.has(packageNameOf(args.path))) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * The module build, for bundlers (the `module` export condition, which esbuild,
 * webpack, Rollup and Vite honour and Node ignores): one unminified ES module
 * per source file the entries reach, under dist/module/. A bundler then drops
 * every module an app does not use (the packages say `sideEffects: false`),
 * which it cannot do inside the single-file Node build, and minifies the rest
 * with its own names. Inlined dependencies go into the file that imports them.
 * @param {string} packageDir
 * @param {readonly string[]} sources reachable .ts files, relative to the package
 * @param {ReadonlySet<string>} inline
 */
async function buildModules(packageDir, sources, inline) {
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: [...sources],
    outbase: "src",
    outdir: path.join(packageDir, "dist", "module"),
    bundle: true,
    plugins: [externalExceptInlined(inline)],
    format: "esm",
    platform: "node",
    target: "node20",
    tsconfig: path.join(packageDir, "tsconfig.build.json"),
    write: false,
    logLevel: "warning",
  });
  return writeOutputs(packageDir, result.outputFiles);
}

/**
 * Writes esbuild's output files; returns the JavaScript ones, relative to the package.
 * @param {string} packageDir
 * @param {import("esbuild").OutputFile[]} files
 */
function writeOutputs(packageDir, files) {
  const outputs = [];
  for (const file of files) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
    if (file.path.endsWith(".js")) outputs.push(path.relative(packageDir, file.path));
  }
  return outputs;
}

function outputStem(output, label) {
  const match = /^(?:\.\/)?dist\/(.+)\.js$/.exec(output);
  if (match === null) throw new Error(`${label} must be a .js file under dist/, got ${output}`);
  return /** @type {string} */ (match[1]);
}

/**
 * Empties dist/, bundles every entry point, writes the module build when the
 * exports ask for one, then emits declarations with `tsc -p tsconfig.build.json`
 * (which must set emitDeclarationOnly).
 * @param {{ packageDir: string, extraSources?: readonly string[], inline?: readonly string[], declarations?: boolean }} options
 * @returns {Promise<{ outputs: string[] }>} the JavaScript files written, relative to the package
 */
export async function buildPackage({
  packageDir,
  extraSources = [],
  inline = [],
  declarations = true,
}) {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
  const entryPoints = entryPointsOf(manifest, extraSources);
  const outdir = path.join(packageDir, "dist");
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints,
    outdir,
    bundle: true,
    plugins: [externalBareImports(new Set(inline)), classNames(path.join(packageDir, "src"))],
    format: "esm",
    platform: "node",
    target: "node20",
    // Entries of one package share their common modules through chunks, so
    // module state (registries, caches) exists once.
    splitting: entryPoints.length > 1,
    chunkNames: "chunks/[name]-[hash]",
    // Smaller, comment-free, ASCII-only source reads and parses faster (esbuild
    // keeps doc comments otherwise, and one non-ASCII character in them makes V8
    // hold the whole module as two-byte text). Minified identifiers take the four
    // bundles of a client import from 317 to 241 KB and about 1.7 ms off a cold
    // start. Classes get their real `name` back (GlideClient.name) from the
    // class-names plugin; esbuild's keepNames would also name every function, at
    // about 1 ms of import. Lines stay short enough for Node to print one in an
    // error; the source maps have the original code and names.
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    lineLimit: 160,
    sourcemap: true,
    tsconfig: path.join(packageDir, "tsconfig.build.json"),
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  const outputs = writeOutputs(packageDir, result.outputFiles);
  if (declaresModuleBuild(manifest)) {
    const extra = new Set(extraSources.map((source) => source.replace(/^\.\//, "")));
    const sources = Object.keys(result.metafile.inputs).filter(
      (input) => /^src\/.+\.ts$/.test(input) && !extra.has(input),
    );
    outputs.push(...(await buildModules(packageDir, sources, new Set(inline))));
  }
  if (inline.length > 0) writeThirdPartyLicenses(packageDir, inline);
  if (declarations) {
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      {
        cwd: packageDir,
        stdio: "inherit",
      },
    );
  }
  return { outputs: outputs.sort() };
}
