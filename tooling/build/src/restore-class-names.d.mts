/** Renames esbuild's `var X = class _X {…}` back to a class named X, in place. */
export function restoreClassNames(code: string): { code: string; renamed: string[] };
