export interface EntryPoint {
  /** The TypeScript source, relative to the package. */
  in: string;
  /** The output path relative to dist/, without `.js`. */
  out: string;
}
export function entryPointsOf(
  manifest: { exports?: Record<string, unknown> },
  extraSources?: readonly string[],
): EntryPoint[];
export function buildPackage(options: {
  packageDir: string;
  extraSources?: readonly string[];
  /** Dependencies to bundle in rather than import at run time. */
  inline?: readonly string[];
  /** Emit .d.ts with tsc (default true). */
  declarations?: boolean;
}): Promise<{ outputs: string[] }>;
/** Where the module build puts a source file: ./src/a/b.ts → ./dist/module/a/b.js. */
export function moduleOutputOf(source: string): string;
export function isBareSpecifier(specifier: string): boolean;
export function packageNameOf(specifier: string): string;
