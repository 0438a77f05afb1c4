// Runs the table generator against the installed server (it spawns its own on a
// free loopback port and stops it) and checks the committed table is its output.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = join(import.meta.dirname, "..");
const server = ["/usr/bin/valkey-server", "/usr/bin/redis-server"].find((path) => existsSync(path));
const outDir = mkdtempSync(join(tmpdir(), "petrel-command-table-"));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe.skipIf(!server)("generate-command-table.mjs", () => {
  it("writes the committed table and docs data from the installed server", async () => {
    const out = join(outDir, "table.ts");
    const docsOut = join(outDir, "docs.json");
    const { stdout } = await run(
      process.execPath,
      [
        "scripts/generate-command-table.mjs",
        "--server",
        server as string,
        "--out",
        out,
        "--docs-out",
        docsOut,
      ],
      { cwd: packageDir, timeout: 30_000 },
    );
    expect(stdout).toMatch(/wrote \d+ commands from/);
    const generated = readFileSync(out, "utf8");
    expect(generated).toMatch(/^ {2}"GET 2 rf 1\\n" \+ +\/\/ string, since 1.0.0$/m);
    const committed = readFileSync(
      join(packageDir, "src/table/command-table.generated.ts"),
      "utf8",
    );
    expect(generated).toBe(committed);
    const docs = readFileSync(docsOut, "utf8");
    expect(JSON.parse(docs).commands.GET.summary).toMatch(/value of a key/);
    expect(docs).toBe(
      readFileSync(join(packageDir, "scripts/command-docs.generated.json"), "utf8"),
    );
  });

  it("fails clearly on a bad option", async () => {
    await expect(
      run(process.execPath, ["scripts/generate-command-table.mjs", "--bogus", "1"], {
        cwd: packageDir,
      }),
    ).rejects.toThrow(/unknown option --bogus/);
  });
});
