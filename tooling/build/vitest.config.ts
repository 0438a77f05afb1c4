import { petrelVitestConfig } from "@petrel/vitest-config";

export default petrelVitestConfig();
