import { petrelVitestConfig } from "@petrel/vitest-config";

export default petrelVitestConfig({
  test: {
    // Exercised here exactly as other packages use it: by package specifier.
    globalSetup: ["@petrel/test-servers/vitest-global-setup"],
    provide: { petrelServerTopologies: ["standalone"] },
  },
});
