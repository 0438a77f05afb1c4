// Without a build: every publishable package's `exports` map points at the
// files `petrel-build` (tooling/build) writes for its TypeScript sources: one
// bundle per entry (for Node), one module per source file (for bundlers) and
// the declarations tsc emits beside them.
// (scripts/check-pack.mjs checks the built files themselves.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/module-exports.js";

interface Manifest {
  name: string;
  private?: boolean;
  main?: string;
  types?: string;
  files?: string[];
  exports?: Record<string, string | Record<string, string>>;
  scripts?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const publishable = readdirSync(path.join(repoRoot, "packages"))
  .map((dir) => path.join(repoRoot, "packages", dir))
  .filter((dir) => existsSync(path.join(dir, "package.json")))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest,
  }))
  .filter(({ manifest }) => manifest.private !== true);

describe("exports maps of the publishable packages", () => {
  it("finds the packages", () => {
    expect(publishable.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining(["petrel", "@petrel/client", "@petrel/protocol", "@petrel/batch"]),
    );
  });

  it.each(publishable.map((p) => [p.manifest.name, p] as const))(
    "%s maps each source entry to its dist output",
    (_name, { dir, manifest }) => {
      expect(manifest.scripts?.build).toMatch(/^petrel-build( |$)/);
      expect(manifest.devDependencies?.["@petrel/build"]).toBe("workspace:*");
      expect(manifest.files).toContain("dist");
      expect(manifest.main).toBe("./dist/index.js");
      expect(manifest.types).toBe("./dist/index.d.ts");
      const entries = Object.entries(manifest.exports ?? {}).filter(
        (entry): entry is [string, Record<string, string>] => typeof entry[1] === "object",
      );
      expect(entries.map(([subpath]) => subpath)).toContain(".");
      for (const [subpath, conditions] of entries) {
        const source = conditions["petrel-source"];
        expect(source, `${subpath} has a petrel-source entry`).toMatch(/^\.\/src\/.+\.ts$/);
        expect(existsSync(path.join(dir, source as string))).toBe(true);
        const stem = (source as string).replace(/^\.\/src\//, "./dist/").replace(/\.ts$/, "");
        expect(conditions.types).toBe(`${stem}.d.ts`);
        // "default" (not only "import") so that require() works on Node >= 20.19.
        expect(conditions.default).toBe(`${stem}.js`);
        // Bundlers take the per-module build, from which they can drop what an app leaves unused.
        expect(conditions.module).toBe(stem.replace(/^\.\/dist\//, "./dist/module/") + ".js");
        // `types` must come first (TypeScript takes the first matching condition),
        // and `module` before `default`, which matches everything.
        const order = Object.keys(conditions).filter((c) => c !== "petrel-source");
        expect(order).toEqual(["types", "module", "default"]);
      }
    },
  );
});
