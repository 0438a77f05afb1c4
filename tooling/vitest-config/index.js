// Shared vitest settings for every Petrel package.
// Tests run against TypeScript sources: the "petrel-source" export condition
// points workspace imports at src/, so no build is needed before testing.
import { defineConfig, mergeConfig } from "vitest/config";

const conditions = ["petrel-source", "node", "import", "default"];

/** @type {import("vitest/config").UserConfig} */
export const baseConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["petrel-source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.CI ? ["default"] : ["default"],
  },
};

/**
 * @param {import("vitest/config").UserConfig} [overrides]
 */
export function petrelVitestConfig(overrides = {}) {
  return mergeConfig(defineConfig(baseConfig), defineConfig(overrides));
}
