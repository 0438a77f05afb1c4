import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build as esbuild } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildPackage,
  entryPointsOf,
  isBareSpecifier,
  moduleOutputOf,
  packageNameOf,
} from "../src/build-package.mjs";

describe("entryPointsOf", () => {
  it("maps each exports entry's petrel-source to its default output", () => {
    const manifest = {
      exports: {
        ".": {
          "petrel-source": "./src/index.ts",
          types: "./dist/index.d.ts",
          default: "./dist/index.js",
        },
        "./otel": { "petrel-source": "./src/otel.ts", default: "./dist/otel.js" },
        "./package.json": "./package.json",
      },
    };
    expect(entryPointsOf(manifest)).toEqual([
      { in: "./src/index.ts", out: "index" },
      { in: "./src/otel.ts", out: "otel" },
    ]);
  });

  it("adds extra sources at the same path under dist/", () => {
    const manifest = {
      exports: { ".": { "petrel-source": "./src/index.ts", default: "./dist/index.js" } },
    };
    expect(entryPointsOf(manifest, ["src/cli/main.ts"])).toContainEqual({
      in: "src/cli/main.ts",
      out: "cli/main",
    });
  });

  it("accepts a module build only at the path that mirrors the source", () => {
    const entry = (module: string) => ({
      exports: {
        ".": { "petrel-source": "./src/a/b.ts", module, default: "./dist/b.js" },
      },
    });
    expect(entryPointsOf(entry("./dist/module/a/b.js"))).toEqual([
      { in: "./src/a/b.ts", out: "b" },
    ]);
    expect(() => entryPointsOf(entry("./dist/b.mjs"))).toThrow(/dist\/module\/a\/b\.js/);
    expect(moduleOutputOf("src/index.ts")).toBe("./dist/module/index.js");
  });

  it("rejects entries it cannot map", () => {
    expect(() => entryPointsOf({ exports: { ".": { default: "./dist/index.js" } } })).toThrow(
      /petrel-source/,
    );
    expect(() =>
      entryPointsOf({ exports: { ".": { "petrel-source": "./src/a.ts", default: "./lib/a.js" } } }),
    ).toThrow(/under dist/);
    expect(() => entryPointsOf({ exports: {} }, ["scripts/x.mjs"])).toThrow(/under src/);
    expect(() => entryPointsOf({})).toThrow(/no entry point/);
  });
});

describe("bare specifiers", () => {
  it("tells bare imports from paths", () => {
    for (const bare of ["@petrel/commands", "cluster-key-slot", "node:net", "fs", "pkg/sub"])
      expect(isBareSpecifier(bare)).toBe(true);
    for (const relative of ["./a.js", "../b.js", "/abs/c.js", ".", "..", "file:///x.js"])
      expect(isBareSpecifier(relative)).toBe(false);
  });

  it("names the package of a specifier", () => {
    expect(packageNameOf("@scope/pkg/sub/path.js")).toBe("@scope/pkg");
    expect(packageNameOf("pkg/sub")).toBe("pkg");
    expect(packageNameOf("node:net")).toBe("node:net");
  });
});

describe("buildPackage", () => {
  let dir: string;
  let outputs: string[];

  // A package with two entries sharing a registry module, an external ESM
  // dependency and a CommonJS dependency to inline.
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "petrel-build-"));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write(
      "package.json",
      JSON.stringify({
        name: "fixture",
        type: "module",
        exports: {
          ".": {
            "petrel-source": "./src/index.ts",
            module: "./dist/module/index.js",
            default: "./dist/index.js",
          },
          "./extra": {
            "petrel-source": "./src/extra.ts",
            module: "./dist/module/extra.js",
            default: "./dist/extra.js",
          },
        },
      }),
    );
    write("tsconfig.build.json", JSON.stringify({ compilerOptions: { target: "ES2022" } }));
    write("src/registry.ts", "export const registry = new Map<string, number>();\n");
    write(
      "src/index.ts",
      [
        'import { shout } from "external-dep";',
        'import double from "inlined-dep";',
        'import { registry } from "./registry.js";',
        "export { registry };",
        "export const answer = (): string => shout(String(double(21)));",
        "export class Counter { static create(): Counter { return new Counter(); } }",
      ].join("\n"),
    );
    write("src/extra.ts", 'import { registry } from "./registry.js";\nregistry.set("extra", 1);\n');
    write("dist/stale.js", "stale output from an earlier build");
    write(
      "node_modules/external-dep/package.json",
      JSON.stringify({ name: "external-dep", type: "module", exports: "./index.js" }),
    );
    write("node_modules/external-dep/index.js", 'export const shout = (s) => s + "!";\n');
    write(
      "node_modules/inlined-dep/package.json",
      JSON.stringify({ name: "inlined-dep", version: "1.2.3", license: "MIT", main: "index.js" }),
    );
    write("node_modules/inlined-dep/index.js", "module.exports = (n) => n * 2;\n");
    write("node_modules/inlined-dep/LICENSE", "The inlined-dep licence text.\n");
    ({ outputs } = await buildPackage({
      packageDir: dir,
      inline: ["inlined-dep"],
      declarations: false,
    }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one bundle per entry, shared code in a chunk, and empties dist/ first", () => {
    expect(outputs).toContain("dist/index.js");
    expect(outputs).toContain("dist/extra.js");
    expect(outputs.some((file) => file.startsWith("dist/chunks/"))).toBe(true);
    expect(existsSync(path.join(dir, "dist/stale.js"))).toBe(false);
    expect(existsSync(path.join(dir, "dist/index.js.map"))).toBe(true);
  });

  it("keeps bare imports external except the inlined ones", () => {
    const bundle = readFileSync(path.join(dir, "dist/index.js"), "utf8");
    expect(bundle).toMatch(/from\s*"external-dep"/);
    expect(bundle).not.toMatch(/from\s*"inlined-dep"/);
    // The inlined dependency's code (it doubles its argument) is in the bundle itself.
    expect(bundle).toMatch(/\*\s*2/);
  });

  it("ships the licence of inlined code in dist/THIRD_PARTY_LICENSES.md", () => {
    const notices = readFileSync(path.join(dir, "dist/THIRD_PARTY_LICENSES.md"), "utf8");
    expect(notices).toContain("## inlined-dep 1.2.3 (MIT)");
    expect(notices).toContain("The inlined-dep licence text.");
  });

  it("runs, with module state shared between entries and class names kept", () => {
    const output = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'const m = await import("fixture"); await import("fixture/extra"); console.log(m.answer(), m.registry.get("extra"), m.Counter.create().constructor.name);',
      ],
      { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_PATH: "" } },
    );
    expect(output.trim()).toBe("42! 1 Counter");
  });

  it("writes the module build: one file per reachable source, imports kept, dependency inlined", () => {
    const modules = outputs.filter((file) => file.startsWith("dist/module/")).sort();
    expect(modules).toEqual([
      "dist/module/extra.js",
      "dist/module/index.js",
      "dist/module/registry.js",
    ]);
    const index = readFileSync(path.join(dir, "dist/module/index.js"), "utf8");
    expect(index).toMatch(/from\s*"\.\/registry\.js"/);
    expect(index).toMatch(/from\s*"external-dep"/);
    expect(index).not.toMatch(/from\s*"inlined-dep"/);
    // Unminified: the names a reader of node_modules would look for are there.
    expect(index).toMatch(/\bclass _?Counter\b/);
    expect(index).toMatch(/\banswer = \(\) =>/);
  });

  it("gives a bundler the module build, from which it drops what an app does not use", async () => {
    const appFile = path.join(dir, "app.js");
    writeFileSync(appFile, 'import { answer } from "fixture";\nconsole.log(answer());\n');
    const result = await esbuild({
      absWorkingDir: dir,
      entryPoints: [appFile],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("dist/module/index.js");
    expect(inputs.some((input) => /^dist\/(index|chunks)/.test(input))).toBe(false);
    expect(result.outputFiles[0]?.text).not.toMatch(/Counter/);
  });

  it("emits declarations with tsc when asked", async () => {
    writeFileSync(
      path.join(dir, "tsconfig.build.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          declaration: true,
          emitDeclarationOnly: true,
          skipLibCheck: true,
          noImplicitAny: false,
          rootDir: "src",
          outDir: "dist",
        },
        include: ["src"],
      }),
    );
    await buildPackage({ packageDir: dir, inline: ["inlined-dep"] });
    expect(readFileSync(path.join(dir, "dist/index.d.ts"), "utf8")).toContain(
      "export declare const answer: () => string;",
    );
    expect(existsSync(path.join(dir, "dist/index.js"))).toBe(true);
  });
});
