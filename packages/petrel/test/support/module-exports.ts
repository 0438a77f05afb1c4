// Reads modules' exported names with the TypeScript compiler, types included,
// so the GLIDE surface check covers interfaces and type aliases as well as values.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
export const packageRoot = path.resolve(here, "../..");
export const repoRoot = path.resolve(packageRoot, "../..");

/** GLIDE's published declarations (a dev dependency of this package). */
export function glideIndexPath(): string {
  const require = createRequire(path.join(packageRoot, "package.json"));
  return require.resolve("@valkey/valkey-glide").replace(/index\.js$/, "index.d.ts");
}

export interface ExportedName {
  name: string;
  /** True when the name exists at run time (class, function, enum, const). */
  isValue: boolean;
}

/** One program over several entry files, so shared sources are parsed once. */
export class ExportReader {
  readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(entryFiles: readonly string[]) {
    this.program = ts.createProgram(entryFiles, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      customConditions: ["petrel-source"],
      types: ["node"],
      skipLibCheck: true,
      noEmit: true,
    });
    this.checker = this.program.getTypeChecker();
  }

  exportsOf(file: string): ExportedName[] {
    const source = this.program.getSourceFile(file);
    if (source === undefined) throw new Error(`${file} is not part of the program`);
    const moduleSymbol = this.checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${file} is not a module`);
    return this.checker.getExportsOfModule(moduleSymbol).map((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
      return { name: symbol.name, isValue: (target.flags & ts.SymbolFlags.Value) !== 0 };
    });
  }

  /** Every file the program loaded, as absolute paths. */
  loadedFiles(): string[] {
    return this.program.getSourceFiles().map((file) => path.resolve(file.fileName));
  }
}

/** The backquoted names in the README's `<!-- marker:start -->…<!-- marker:end -->` block. */
export function readmeList(marker: string): string[] {
  const readme = readFileSync(path.join(packageRoot, "README.md"), "utf8");
  const block = new RegExp(`<!-- ${marker}:start -->([\\s\\S]*?)<!-- ${marker}:end -->`).exec(
    readme,
  );
  if (block === null) throw new Error(`README.md has no ${marker} block`);
  return [...(block[1] as string).matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1] as string);
}
