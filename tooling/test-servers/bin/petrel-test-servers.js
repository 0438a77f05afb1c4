#!/usr/bin/env node
// Launcher for the CLI. The CLI is TypeScript; Node 20 runs it from dist/, so
// the package is (re)compiled here when dist/ is missing or older than src/.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const entry = path.join(packageDirectory, "dist", "cli", "main.js");

function newestSourceTime(directory) {
  let newest = 0;
  for (const item of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtTime() {
  try {
    return statSync(entry).mtimeMs;
  } catch {
    return -1;
  }
}

if (builtTime() < newestSourceTime(path.join(packageDirectory, "src"))) {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: packageDirectory,
    stdio: "inherit",
  });
}
await import(pathToFileURL(entry).href);
