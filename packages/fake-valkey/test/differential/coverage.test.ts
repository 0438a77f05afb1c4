// Every connection, server, Pub/Sub, transaction and cluster command of the
// fake appears in a differential script (data commands are covered by the
// data-*.test.ts suites). Commands the reference redis-server (7.0) lacks are
// listed with the test that covers them instead.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fakeDataHandlers } from "../../src/data/index.js";
import { fakeNodeCommandTable } from "../../src/server/commands/index.js";

const NOT_IN_REDIS_7_0: Record<string, string> = {
  "client|setinfo": "test/server/connection.test.ts (added in Redis 7.2)",
  "cluster|myshardid": "test/cluster/cluster.test.ts (added in Redis 7.2)",
  "client|unblock": "test/cluster/failover.test.ts (client ids differ between servers)",
  "client|no-touch": "test/server/client-control.test.ts (added in Redis 7.2)",
};

function scriptedCommands(): Set<string> {
  const directory = fileURLToPath(new URL(".", import.meta.url));
  const seen = new Set<string>();
  for (const file of readdirSync(directory)) {
    if (!file.endsWith(".test.ts") || file === "coverage.test.ts") continue;
    const text = readFileSync(`${directory}/${file}`, "utf8");
    for (const match of text.matchAll(/\[\s*"([A-Z_]+)"(?:,\s*"([A-Z-]+)")?/g)) {
      const name = (match[1] as string).toLowerCase();
      seen.add(name);
      if (match[2] !== undefined) seen.add(`${name}|${match[2].toLowerCase()}`);
    }
  }
  return seen;
}

describe("differential coverage", () => {
  it("scripts every command the server layer implements", () => {
    const seen = scriptedCommands();
    const missing: string[] = [];
    for (const def of fakeNodeCommandTable().values()) {
      if (fakeDataHandlers.has(def.name)) continue;
      const names =
        def.subcommands === undefined
          ? [def.name]
          : [...def.subcommands.values()].map((sub) => sub.name);
      for (const name of names) {
        if (!seen.has(name) && NOT_IN_REDIS_7_0[name] === undefined) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });
});
