export interface BundleResult {
  file: string;
  bytes: number;
  /** The modules that put code into the bundle. */
  inputs: string[];
  /** Each of those modules with the bytes it puts into the bundle, largest first. */
  sizes: [string, number][];
}
export function bundleApp(options?: {
  outdir?: string;
  fromSource?: boolean;
  /** Which app to bundle: scripts/bundle-app/<app>-app.js (default "cluster"). */
  app?: "cluster" | "standalone";
  /** TypeScript source of the app, resolved from this package. */
  source?: string;
}): Promise<BundleResult>;
