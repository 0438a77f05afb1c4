// Packaging check, run after `pnpm build`: every publishable package's build
// output matches its `exports`; `petrel` and its @petrel/* dependencies pack,
// install from the tarballs into a scratch project, and work from ESM,
// CommonJS (`require`), an esbuild bundle, and TypeScript (moduleResolution
// node16 and bundler).
// Usage: node scripts/check-pack.mjs [--keep]
import { execFile, execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const keep = process.argv.includes("--keep");
const failures = [];

function check(ok, message) {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures.push(message);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

const packages = new Map();
for (const dir of readdirSync(path.join(repo, "packages"))) {
  const file = path.join(repo, "packages", dir, "package.json");
  if (existsSync(file)) packages.set(readJson(file).name, path.dirname(file));
}

// 1. Build outputs match every publishable package's exports map.
for (const [name, dir] of packages) {
  const manifest = readJson(path.join(dir, "package.json"));
  if (manifest.private) continue;
  const targets = [manifest.main, manifest.types];
  for (const entry of Object.values(manifest.exports ?? {})) {
    if (typeof entry === "string") targets.push(entry);
    else
      for (const [condition, target] of Object.entries(entry))
        if (condition !== "petrel-source") targets.push(target);
  }
  const missing = targets.filter((target) => target && !existsSync(path.join(dir, target)));
  check(
    missing.length === 0,
    `${name}: exports point at built files${missing.length ? ` (missing ${missing.join(", ")})` : ""}`,
  );
  check(
    existsSync(path.join(dir, "dist/index.js")) && existsSync(path.join(dir, "dist/index.d.ts")),
    `${name}: dist/index.js and dist/index.d.ts`,
  );
}

// 2. Pack petrel and the @petrel/* packages it depends on.
function workspaceClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = readJson(path.join(packages.get(name), "package.json"));
  for (const [dep, spec] of Object.entries(manifest.dependencies ?? {}))
    if (String(spec).startsWith("workspace:")) workspaceClosure(dep, seen);
  return seen;
}
const scratch = mkdtempSync(path.join(tmpdir(), "petrel-pack-"));
const tarballs = path.join(scratch, "tarballs");
mkdirSync(tarballs);
const closure = [...workspaceClosure("petrel")];
const tarballOf = {};
for (const name of closure) {
  const before = new Set(readdirSync(tarballs));
  execFileSync("pnpm", ["pack", "--pack-destination", tarballs], {
    cwd: packages.get(name),
    stdio: "pipe",
  });
  const created = readdirSync(tarballs).find((file) => !before.has(file));
  tarballOf[name] = `file:${path.join(tarballs, created)}`;
}
check(Object.keys(tarballOf).length === closure.length, `packed ${closure.join(", ")}`);

// 3. Install the tarballs into a scratch project (third-party dependencies come from npm).
const project = path.join(scratch, "app");
mkdirSync(project);
writeFileSync(
  path.join(project, "package.json"),
  JSON.stringify(
    {
      name: "petrel-pack-check",
      private: true,
      dependencies: { ...tarballOf, "@types/node": "20.19.43" },
      overrides: tarballOf,
    },
    null,
    2,
  ),
);
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
  cwd: project,
  stdio: "pipe",
});
check(
  existsSync(path.join(project, "node_modules/petrel/dist/index.js")),
  "npm installed the tarballs",
);
check(
  !existsSync(path.join(project, "node_modules/@petrel/otel")),
  "@petrel/otel stays optional (not installed)",
);

// 4. ESM and CommonJS against a fake server.
const app = `
const uri = process.argv[2];
const client = await GlideClient.createClient(configFromUri(uri));
const batch = new Batch(true).set("pack:k", "v").get("pack:k");
const results = await client.exec(batch, true);
client.close();
console.log(JSON.stringify(results));`;
writeFileSync(
  path.join(project, "esm.mjs"),
  `import { Batch, configFromUri, GlideClient } from "petrel";\n${app}`,
);
writeFileSync(
  path.join(project, "cjs.cjs"),
  `const { Batch, configFromUri, GlideClient } = require("petrel");\n(async () => {${app}\n})().catch((e) => { console.error(e); process.exit(1); });`,
);
const { startStandalone } = await import(
  pathToFileURL(path.join(repo, "packages/fake-valkey/dist/index.js")).href
);
const server = await startStandalone();
try {
  for (const file of ["esm.mjs", "cjs.cjs"]) {
    let output;
    try {
      // Asynchronous: the fake server runs in this process and must keep answering.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [file, `valkey://${server.host}:${server.port}`],
        { cwd: project, encoding: "utf8", timeout: 20_000 },
      );
      output = stdout.trim();
    } catch (error) {
      output = String(error.stderr ?? error);
    }
    check(
      output === '["OK","v"]',
      `${file} runs a batch through the installed petrel (${output.split("\n")[0]})`,
    );
  }
  // 4b. What a user's bundler makes of the installed packages: esbuild takes the
  // `module` build of each, drops what the app leaves unused, and the bundle runs.
  const bundled = await build({
    absWorkingDir: project,
    entryPoints: ["esm.mjs"],
    outfile: path.join(project, "bundle.mjs"),
    bundle: true,
    minify: true,
    platform: "node",
    target: "node20",
    format: "esm",
    metafile: true,
    logLevel: "silent",
  });
  const bytes = statSync(path.join(project, "bundle.mjs")).size;
  const fromPetrel = Object.keys(bundled.metafile.inputs).filter((input) =>
    /node_modules\/(petrel|@petrel\/[\w-]+)\//.test(input),
  );
  check(
    fromPetrel.length > 0 && fromPetrel.every((input) => input.includes("/dist/module/")),
    `esbuild bundles the installed packages' module build (${fromPetrel.length} modules)`,
  );
  check(
    bytes <= 151_500,
    `the bundled standalone app is ${bytes} bytes minified (guard 151,500; README "Package size")`,
  );
  const { stdout: bundleOutput } = await promisify(execFile)(
    process.execPath,
    ["bundle.mjs", `valkey://${server.host}:${server.port}`],
    { cwd: project, encoding: "utf8", timeout: 20_000 },
  ).catch((error) => ({ stdout: String(error.stderr ?? error) }));
  check(bundleOutput.trim() === '["OK","v"]', `the bundle runs (${bundleOutput.trim()})`);
} finally {
  await server.stop();
}

for (const name of closure) {
  let output;
  try {
    output = execFileSync(
      process.execPath,
      ["-e", `console.log(Object.keys(require(${JSON.stringify(name)})).length > 0)`],
      { cwd: project, encoding: "utf8" },
    ).trim();
  } catch (error) {
    output = String(error.stderr ?? error).split("\n")[0];
  }
  check(output === "true", `require("${name}") (${output})`);
}

// 5. Types resolve under moduleResolution node16 (an ESM file), nodenext (a CommonJS
// file: TypeScript ≥ 5.8 models require() of ESM there) and bundler.
const typesSource = `import { ClusterBatch, configFromUri, GlideClusterClient, type GlideClusterClientConfiguration } from "petrel";
const config: GlideClusterClientConfiguration = configFromUri("valkey://127.0.0.1:7000", { requestTimeout: 500 });
export const batch: ClusterBatch = new ClusterBatch(false).set("a", "b").get("a");
export const connect = (): Promise<GlideClusterClient> => GlideClusterClient.createClient(config);
// @ts-expect-error: proves the types resolved (with "any" this line would not be an error).
export const wrong: number = batch;
`;
writeFileSync(path.join(project, "check-esm.mts"), typesSource);
writeFileSync(path.join(project, "check-cjs.cts"), typesSource);
writeFileSync(path.join(project, "check-bundler.ts"), typesSource);
const tsc = path.join(repo, "node_modules/typescript/bin/tsc");
const settings = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: ["node"],
  target: "ES2022",
};
for (const [label, options, files] of [
  ["node16", { module: "node16", moduleResolution: "node16" }, ["check-esm.mts"]],
  ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }, ["check-cjs.cts"]],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }, ["check-bundler.ts"]],
]) {
  writeFileSync(
    path.join(project, `tsconfig.${label}.json`),
    JSON.stringify({ compilerOptions: { ...settings, ...options }, files }),
  );
  let output = "";
  try {
    execFileSync(process.execPath, [tsc, "-p", `tsconfig.${label}.json`], {
      cwd: project,
      encoding: "utf8",
    });
  } catch (error) {
    output = String(error.stdout ?? error);
  }
  check(output === "", `tsc with moduleResolution ${label}${output ? `:\n${output}` : ""}`);
}

// 6. With the optional peer installed, `petrel/otel` loads from ESM and CommonJS.
const otelDir = packages.get("@petrel/otel");
const beforeOtel = new Set(readdirSync(tarballs));
execFileSync("pnpm", ["pack", "--pack-destination", tarballs], { cwd: otelDir, stdio: "pipe" });
const otelTarball = readdirSync(tarballs).find((file) => !beforeOtel.has(file));
execFileSync(
  "npm",
  ["install", "--no-audit", "--no-fund", "--prefer-offline", path.join(tarballs, otelTarball)],
  { cwd: project, stdio: "pipe" },
);
for (const [label, code] of [
  ["ESM", 'import("petrel/otel").then((m) => console.log(typeof m.OpenTelemetry.init))'],
  ["CommonJS", 'console.log(typeof require("petrel/otel").OpenTelemetry.init)'],
]) {
  let output;
  try {
    output = execFileSync(process.execPath, ["-e", code], {
      cwd: project,
      encoding: "utf8",
    }).trim();
  } catch (error) {
    output = String(error.stderr ?? error).split("\n")[0];
  }
  check(output === "function", `petrel/otel from ${label} with @petrel/otel installed (${output})`);
}

if (keep) console.log(`scratch project kept at ${project}`);
else rmSync(scratch, { recursive: true, force: true });
console.log(
  failures.length === 0 ? "packaging check passed" : `${failures.length} packaging check(s) failed`,
);
process.exit(failures.length === 0 ? 0 : 1);
