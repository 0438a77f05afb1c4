export interface BundleResult {
  file: string;
  bytes: number;
  inputs: string[];
}
export function bundleApp(options?: {
  outdir?: string;
  fromSource?: boolean;
  /** TypeScript source of the app, resolved from this package. */
  source?: string;
}): Promise<BundleResult>;
