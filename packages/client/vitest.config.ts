import { petrelVitestConfig } from "@petrel/vitest-config";

// --expose-gc lets the leak test force collections before measuring the heap.
export default petrelVitestConfig({
  test: { execArgv: ["--expose-gc"], setupFiles: ["./test/setup.ts"] },
});
