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
  process.stdout.write(`petrel-build: ${outputs.join(", ")}\n`);
} catch (error) {
  process.stderr.write(`petrel-build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
