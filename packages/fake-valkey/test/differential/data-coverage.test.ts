// Every data command the fake implements appears in a differential script.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { fakeDataHandlers } from "../../src/data/index.js";

it("every data command is exercised against the real server", () => {
  const folder = fileURLToPath(new URL(".", import.meta.url));
  const scripts = readdirSync(folder)
    .filter((name) => name.startsWith("data-") && name !== "data-coverage.test.ts")
    .map((name) => readFileSync(`${folder}/${name}`, "utf8"))
    .join("\n");
  const missing = [...fakeDataHandlers.keys()].filter(
    (name) => !scripts.includes(`["${name.toUpperCase()}"`),
  );
  expect(missing).toEqual([]);
});
