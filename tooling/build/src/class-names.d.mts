import type { Plugin } from "esbuild";
/** `source` with `static{…}` blocks naming every named class. */
export function withClassNameBlocks(source: string, fileName?: string): string;
/** An esbuild plugin applying `withClassNameBlocks` to the TypeScript files under `sourceDir`. */
export function classNames(sourceDir: string): Plugin;
