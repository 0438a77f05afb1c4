#!/usr/bin/env node
// Launcher for the CLI, which is compiled to dist/. Kept outside dist/ so that a
// workspace install links the bin before anything is built.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    "petrel-fake-valkey: dist/ is not built; run `pnpm --filter @petrel/fake-valkey build` first\n",
  );
  process.exit(2);
}
await import(entry.href);
