// The GLIDE method coverage report: every public method of GLIDE's BaseClient and
// GlideClient exists on Petrel's GlideClient or is listed with a reason.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(
  new URL("../../../commands/scripts/compare-glide-methods.mjs", import.meta.url),
);
const report = fileURLToPath(new URL("../../GLIDE-COVERAGE.md", import.meta.url));

describe("GLIDE coverage", () => {
  it("has no GLIDE method missing without a reason", { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [script, "--check"]);
    expect(stdout).toMatch(/missing 0$/m);
    expect(await readFile(report, "utf8")).toContain("- absent, without a reason: 0");
  });
});
