import { petrelVitestConfig } from "@petrel/vitest-config";

export default petrelVitestConfig({
  test: {
    globalSetup: ["@petrel/test-servers/vitest-global-setup"],
    provide: { petrelServerTopologies: ["standalone"] },
  },
});
