// Absolute path of the vitest global setup module, for configs that prefer a
// path over the package specifier `@petrel/test-servers/vitest-global-setup`.
import { fileURLToPath } from "node:url";

const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";

export const vitestGlobalSetupPath: string = fileURLToPath(
  new URL(`./global-setup.${extension}`, import.meta.url),
);
