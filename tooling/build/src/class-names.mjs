// Keeps the real `name` of every named class through identifier minification,
// and only of classes. esbuild's `keepNames` also names every function: in the
// Petrel packages that is about 800 defineProperty calls run at import (the
// command factories, mostly), about 1 ms of a 30 ms cold start, for names that
// only show in stack traces. Class names are the ones users see
// (`GlideClient.name`, `err.constructor.name`), so this plugin gives each named
// class a static block that restores its name, inserted on the line of the
// class's opening brace so that line numbers (and the source map) stay right.
import { readFile } from "node:fs/promises";
import ts from "typescript";

/**
 * `source` with `static{…}` naming blocks added to every named class.
 * @param {string} source TypeScript source
 * @param {string} fileName for the parser's diagnostics only
 * @returns {string}
 */
export function withClassNameBlocks(source, fileName = "module.ts") {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  /** @type {{ at: number, name: string }[]} */
  const insertions = [];
  const visit = (/** @type {ts.Node} */ node) => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name !== undefined) {
      const ambient = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
      // `members.pos` is just after the body's opening brace.
      if (!ambient) insertions.push({ at: node.members.pos, name: node.name.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const { at, name } of insertions.sort((a, b) => b.at - a.at)) {
    const block = `static{Object.defineProperty(this,"name",{value:${JSON.stringify(name)}})}`;
    result = result.slice(0, at) + block + result.slice(at);
  }
  return result;
}

/**
 * An esbuild plugin applying `withClassNameBlocks` to the package's own
 * TypeScript files (dependencies that get inlined are left as they are).
 * @param {string} sourceDir absolute path of the package's src/
 * @returns {import("esbuild").Plugin}
 */
export function classNames(sourceDir) {
  const prefix = sourceDir.endsWith("/") ? sourceDir : `${sourceDir}/`;
  return {
    name: "class-names",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(prefix)) return undefined;
        const source = await readFile(args.path, "utf8");
        return { contents: withClassNameBlocks(source, args.path), loader: "ts" };
      });
    },
  };
}
