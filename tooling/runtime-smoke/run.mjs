// Runtime smoke suite, run after `pnpm build`: packs `petrel`, `@petrel/otel` and
// `@petrel/fake-valkey` with their @petrel/* dependencies, installs the tarballs
// into a scratch project with npm as a user would, starts real servers on
// loopback (standalone, TLS, a 3-primary cluster), and runs `app/smoke.mjs` there
// under Node, Bun and Deno. Bun and Deno come from the npm registry, pinned below,
// installed once into node_modules/.cache of this package.
// Usage: node run.mjs [--runtimes node,bun,deno] [--keep]
import { execFile, execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCluster, startStandalone } from "@petrel/test-servers";

/** The runtimes' npm packages carry their binaries; bump these deliberately. */
const runtimeVersions = { bun: "1.4.5", deno: "2.9.6" };

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const started = performance.now();
const keep = process.argv.includes("--keep");
const runtimesArgument = process.argv.indexOf("--runtimes");
const runtimes = (
  runtimesArgument > 0 ? process.argv[runtimesArgument + 1] : "node,bun,deno"
).split(",");

let phaseStarted = started;
/** Prints how long the step that just ended took: CI's time budget is read from these. */
function phase(what) {
  const now = performance.now();
  console.log(`-- ${what} (${((now - phaseStarted) / 1000).toFixed(1)} s)`);
  phaseStarted = now;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Installs bun and deno at the pinned versions unless they already are; returns each command. */
function runtimeBinaries(scratch) {
  const cache = path.join(here, "node_modules/.cache/runtimes");
  const binaries = {
    node: [process.execPath],
    bun: [path.join(cache, "node_modules/.bin/bun")],
    deno: [path.join(cache, "node_modules/.bin/deno"), "run", ...denoPermissions(scratch)],
  };
  if (runtimes.every((name) => name === "node")) return binaries;
  const installed = (name) => {
    const manifest = path.join(cache, "node_modules", name, "package.json");
    return existsSync(manifest) && readJson(manifest).version === runtimeVersions[name];
  };
  if (!Object.keys(runtimeVersions).every(installed)) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      path.join(cache, "package.json"),
      JSON.stringify({ private: true, dependencies: runtimeVersions }, null, 2),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: cache,
      stdio: "pipe",
    });
  }
  for (const [name, version] of Object.entries(runtimeVersions)) {
    const reported = execFileSync(binaries[name][0], ["--version"], { encoding: "utf8" });
    if (!reported.includes(version)) {
      throw new Error(`${name} from npm reports "${reported.trim()}", not ${version}`);
    }
  }
  return binaries;
}

/**
 * What a Deno user grants: petrel itself needs only network access; the scenario
 * reads its setup variable and the CA file and writes the spans file; the
 * OpenTelemetry SDK reads its OTEL_* variables.
 */
function denoPermissions(scratchDirectory) {
  return [
    "--allow-net=127.0.0.1",
    "--allow-env=PETREL_SMOKE,OTEL_*",
    "--allow-read",
    `--allow-write=${scratchDirectory}`,
  ];
}

/** Packs the named workspace packages and every @petrel/* package they depend on. */
function packWorkspace(roots, destination) {
  const directories = new Map();
  for (const entry of readdirSync(path.join(repo, "packages"))) {
    const manifest = path.join(repo, "packages", entry, "package.json");
    if (existsSync(manifest)) directories.set(readJson(manifest).name, path.dirname(manifest));
  }
  const closure = new Set();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop();
    if (closure.has(name)) continue;
    closure.add(name);
    const { dependencies = {} } = readJson(path.join(directories.get(name), "package.json"));
    for (const [dependency, spec] of Object.entries(dependencies))
      if (String(spec).startsWith("workspace:")) pending.push(dependency);
  }
  // One pnpm process for all of them: pnpm's start-up is most of a single pack's time.
  const filters = [...closure].flatMap((name) => ["--filter", name]);
  const packed = JSON.parse(
    execFileSync("pnpm", ["-r", ...filters, "pack", "--json", "--pack-destination", destination], {
      cwd: repo,
      encoding: "utf8",
    }),
  ).map(({ name, filename }) => [name, `file:${filename}`]);
  if (packed.length !== closure.size) throw new Error(`packed ${packed.length} of ${closure.size}`);
  return Object.fromEntries(packed);
}

/** A scratch project with the packages installed from their tarballs, as a user would. */
function installProject(directory, tarballs, names) {
  mkdirSync(directory);
  const dependencies = Object.fromEntries(names.map((name) => [name, tarballs[name]]));
  writeFileSync(
    path.join(directory, "package.json"),
    JSON.stringify({ private: true, type: "module", dependencies, overrides: tarballs }, null, 2),
  );
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: directory,
    stdio: "pipe",
  });
  copyFileSync(path.join(here, "app/smoke.mjs"), path.join(directory, "smoke.mjs"));
  return directory;
}

/**
 * Runs `body` while @petrel/otel is moved out of the project's node_modules, which
 * resolves exactly as if it had never been installed (and saves a second install).
 */
async function withoutOtel(project, body) {
  const installed = path.join(project, "node_modules/@petrel/otel");
  const aside = path.join(project, "otel-moved-aside");
  renameSync(installed, aside);
  try {
    return await body();
  } finally {
    renameSync(aside, installed);
  }
}

/** Runs the scenario under one runtime; resolves with its output and counts. */
function runScenario(command, project, setup) {
  return new Promise((resolve) => {
    execFile(
      command[0],
      [...command.slice(1), "smoke.mjs"],
      {
        cwd: project,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, PETREL_SMOKE: JSON.stringify(setup), NO_COLOR: "1" },
      },
      (error, stdout, stderr) => {
        const counts = /^smoke-result (\d+) (\d+)$/m.exec(stdout);
        resolve({
          output: stdout.trimEnd(),
          stderr: error ? stderr.trimEnd() : "",
          passed: counts ? Number(counts[1]) : 0,
          failed: counts ? Number(counts[2]) : 1,
          complete: counts !== null,
        });
      },
    );
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), "petrel-runtime-smoke-"));
const servers = [];
let failures = 0;
const lines = [];
try {
  const binaries = runtimeBinaries(scratch);
  phase("bun and deno ready");
  const tarballDirectory = path.join(scratch, "tarballs");
  mkdirSync(tarballDirectory);
  const tarballs = packWorkspace(
    ["petrel", "@petrel/otel", "@petrel/fake-valkey"],
    tarballDirectory,
  );
  phase("tarballs packed");
  const project = installProject(path.join(scratch, "app"), tarballs, [
    "petrel",
    "@petrel/otel",
    "@petrel/fake-valkey",
  ]);

  phase("tarballs installed with npm");
  const [standalone, tls, cluster] = await Promise.all([
    startStandalone({}),
    startStandalone({ tls: true }),
    startCluster({ shape: { primaries: 3, replicasPerPrimary: 0 } }),
  ]);
  servers.push(standalone, tls, cluster);
  phase("servers started");
  const setup = {
    standalone: standalone.description.addresses[0],
    tls: { ...tls.description.addresses[0], caPath: tls.description.tls.caCertPath },
    cluster: cluster.description.addresses,
    otelFile: path.join(scratch, "signals.json"),
  };

  const counts = new Map(runtimes.map((name) => [name, { version: name, passed: 0, failed: 0 }]));
  const runEach = async (input) => {
    for (const name of runtimes) {
      const result = await runScenario(binaries[name], project, input);
      console.log(result.output);
      if (result.stderr) console.log(result.stderr);
      if (!result.complete) console.log(`FAIL ${name}: the scenario did not finish`);
      const count = counts.get(name);
      count.passed += result.passed;
      count.failed += result.failed;
      count.version = /^== (.*)$/m.exec(result.output)?.[1] ?? count.version;
    }
  };
  await runEach(setup);
  phase("the scenario on each runtime");
  await withoutOtel(project, () => runEach({ withoutOtel: true }));
  phase("the scenario without @petrel/otel on each runtime");
  for (const { version, passed, failed } of counts.values()) {
    failures += failed;
    lines.push(`${version} ${passed}/${passed + failed}`);
  }
} catch (error) {
  failures++;
  console.log(`FAIL runtime smoke setup: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  if (keep) console.log(`scratch project kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
const seconds = Math.round((performance.now() - started) / 1000);
console.log(
  failures === 0
    ? `runtime smoke passed: ${lines.join(", ")} (${seconds} s)`
    : `runtime smoke: ${failures} check(s) failed; ${lines.join(", ")} (${seconds} s)`,
);
process.exit(failures === 0 ? 0 : 1);
