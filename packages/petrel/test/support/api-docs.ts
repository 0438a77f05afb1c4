// Reads petrel's BUILT declarations (dist/*.d.ts, as a user installs them) with the
// TypeScript checker the way an editor's hover does, and reports, for the public
// methods of the classes users call, which have a doc comment and which have `@see`.
import { createRequire } from "node:module";
import path from "node:path";
import type * as TypeScript from "typescript";
import { packageRoot } from "./module-exports.js";

const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;

export interface MethodDocs {
  readonly className: string;
  readonly name: string;
  /** The documentation text an editor shows (inherited documentation included). */
  readonly documentation: string;
  /** The `@see` tags' text. */
  readonly see: readonly string[];
}

/** The public methods of `classNames`, as exported by petrel's built `dist/index.d.ts`. */
export function builtMethodDocs(classNames: readonly string[]): MethodDocs[] {
  const entry = path.join(packageRoot, "dist/index.d.ts");
  // Resolution as a user's project has it: NodeNext, no source conditions, so each
  // @petrel/* package resolves to its own dist declarations.
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${entry}: build petrel first`);
  const exports = checker.getExportsOfModule(moduleSymbol);
  const methods: MethodDocs[] = [];
  for (const className of classNames) {
    const exported = exports.find((symbol) => symbol.getName() === className);
    if (!exported) throw new Error(`petrel's declarations export no ${className}`);
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    for (const property of checker.getPropertiesOfType(instance)) {
      if (!isPublicMethod(checker, property, source)) continue;
      methods.push({
        className,
        name: property.getName(),
        documentation: ts.displayPartsToString(property.getDocumentationComment(checker)).trim(),
        see: property
          .getJsDocTags(checker)
          .filter((tag) => tag.name === "see")
          .map((tag) => ts.displayPartsToString(tag.text)),
      });
    }
  }
  return methods;
}

function isPublicMethod(
  checker: TypeScript.TypeChecker,
  property: TypeScript.Symbol,
  location: TypeScript.Node,
): boolean {
  if (property.getName().startsWith("#") || property.getName().startsWith("__")) return false;
  const hidden = (property.getDeclarations() ?? []).some(
    (declaration) =>
      (ts.getCombinedModifierFlags(declaration) &
        (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !==
      0,
  );
  if (hidden) return false;
  return checker.getTypeOfSymbolAtLocation(property, location).getCallSignatures().length > 0;
}
