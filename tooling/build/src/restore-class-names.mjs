// esbuild turns every top-level `class X {}` of a bundle into `var X = class {}`,
// and when the class body refers to X it names the expression `_X` to keep that
// inner binding: `var X = class _X { static create() { return new _X(); } }`.
// Then X.name, constructor.name and stack traces say "_X" (GlideClient would
// print as _GlideClient). esbuild's keepNames fixes that with a __name() call on
// every named function, closures in hot paths included; this instead renames the
// class expression and its inner references back to X, in place.
import ts from "typescript";

/**
 * Renames `var X = class _X {…_X…}` to `var X = class X  {…X …}` in esbuild's
 * output. Each `_X` becomes `X` plus a space, so every other character keeps its
 * line and column and the source map stays exact.
 * @param {string} code JavaScript (ESM) as esbuild wrote it
 * @returns {{ code: string, renamed: string[] }} renamed: the classes fixed
 */
export function restoreClassNames(code) {
  if (!code.includes("=class _") && !code.includes("= class _")) return { code, renamed: [] };
  const file = ts.createSourceFile(
    "bundle.js",
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  /** @type {number[]} */
  const positions = [];
  const renamed = [];
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer !== undefined &&
      ts.isClassExpression(node.initializer) &&
      node.initializer.name?.text === `_${node.name.text}`
    ) {
      const inner = node.initializer.name.text;
      renamed.push(node.name.text);
      collectReferences(node.initializer, inner, positions);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = code;
  // Each `_X` (one character longer than X) becomes `X ` at the same offset.
  for (const start of positions.sort((a, b) => b - a)) {
    const end = code.indexOf("_", start) + 1;
    if (end !== start + 1) throw new Error(`restoreClassNames: unexpected identifier at ${start}`);
    const name = code.slice(end, identifierEnd(code, end));
    out = `${out.slice(0, start)}${name} ${out.slice(end + name.length)}`;
  }
  return { code: out, renamed };
}

/** Offsets of the identifiers in `classNode` that are the class's own binding `inner`. */
function collectReferences(classNode, inner, positions) {
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === inner && isBindingReference(node)) {
      positions.push(node.getStart());
    }
    ts.forEachChild(node, visit);
  };
  visit(classNode);
}

/** False where the identifier is a property name rather than a reference to a binding. */
function isBindingReference(node) {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if (
    (ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  return true;
}

function identifierEnd(code, from) {
  let end = from;
  while (end < code.length && /[\w$]/.test(code.charAt(end))) end++;
  return end;
}
