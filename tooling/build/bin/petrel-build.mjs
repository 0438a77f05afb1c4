#!/usr/bin/env node
// `petrel-build [--inline <dependency>]... [src/extra-entry.ts]...`, run from a
// package directory (its `build` script): bundles the package's exports (and any
// extra entries) into dist/ and emits its declarations. See src/build-package.mjs.
import { parseArgs } from "node:util";
import { buildPackage } from "../src/build-package.mjs";

try {
  const { values, positionals } = parseArgs({
    options: { inline: { type: "string", multiple: true } },
    allowPositionals: true,
  });
  const { outputs } = await buildPackage({
    packageDir: process.cwd(),
    extraSources: positionals,
    inline: values.inline ?? [],
  });
  const modules = outputs.filter((file) => file.startsWith("dist/module/"));
  const bundles = outputs.filter((file) => !file.startsWith("dist/module/"));
  const moduleNote = modules.length > 0 ? `; ${modules.length} files in dist/module/` : "";
  process.stdout.write(`petrel-build: ${bundles.join(", ")}${moduleNote}\n`);
} catch (error) {
  process.stderr.write(`petrel-build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
