import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baseCommands, clusterCommands, standaloneCommands } from "./command-records.js";
import { bitmapCommands } from "./definitions/bitmaps.js";
import { connectionClusterCommands, connectionCommands } from "./definitions/connection.js";
import { diagnosticsClusterCommands, diagnosticsCommands } from "./definitions/diagnostics.js";
import { genericCommands } from "./definitions/generic.js";
import { hashCommands } from "./definitions/hashes.js";
import { hyperLogLogCommands } from "./definitions/hyperloglog.js";
import { listCommands } from "./definitions/lists.js";
import { pubsubCommands, pubsubStandaloneCommands } from "./definitions/pubsub.js";
import { scriptingCommands, scriptingStandaloneCommands } from "./definitions/scripting.js";
import { serverClusterCommands, serverCommands } from "./definitions/server.js";
import { setCommands } from "./definitions/sets.js";
import { sortedSetCommands } from "./definitions/sorted-sets.js";
import { stringCommands } from "./definitions/strings.js";
import { definedSpecs } from "./spec.js";

/** GLIDE's published declarations, installed in the workspace as a reference. */
function glideMethodNames(...files: string[]): Set<string> | undefined {
  const store = join(import.meta.dirname, "../../../node_modules/.pnpm");
  if (!existsSync(store)) return undefined;
  const glide = readdirSync(store).find((entry) => entry.startsWith("@valkey+valkey-glide@"));
  if (!glide) return undefined;
  const dir = join(store, glide, "node_modules/@valkey/valkey-glide/build-ts");
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const match of text.matchAll(/^ {4}([a-zA-Z]+)\(/gm)) names.add(match[1] as string);
  }
  return names;
}

describe("command records", () => {
  it("never define one method in two groups (a spread would hide one silently)", () => {
    const groups = [
      stringCommands,
      genericCommands,
      hashCommands,
      listCommands,
      setCommands,
      sortedSetCommands,
      connectionCommands,
      serverCommands,
      bitmapCommands,
      hyperLogLogCommands,
      scriptingCommands,
      scriptingStandaloneCommands,
      pubsubCommands,
      pubsubStandaloneCommands,
      diagnosticsCommands,
    ];
    const seen = new Map<string, number>();
    groups.forEach((group, index) => {
      for (const name of Object.keys(group)) {
        expect(seen.get(name), `${name} is in two groups`).toBeUndefined();
        seen.set(name, index);
      }
    });
  });

  it("give cluster variants the same method names", () => {
    expect(Object.keys(connectionClusterCommands).sort()).toEqual(
      Object.keys(connectionCommands).sort(),
    );
    expect(Object.keys(serverClusterCommands).sort()).toEqual(Object.keys(serverCommands).sort());
    expect(Object.keys(diagnosticsClusterCommands).sort()).toEqual(
      Object.keys(diagnosticsCommands).sort(),
    );
  });

  it("leave cluster SCAN to the cluster client (it needs a ClusterScanCursor)", () => {
    expect("scan" in standaloneCommands).toBe(true);
    expect("scan" in clusterCommands).toBe(false);
  });

  it("use only GLIDE's method names", () => {
    const standalone = glideMethodNames("BaseClient.d.ts", "GlideClient.d.ts");
    const cluster = glideMethodNames("BaseClient.d.ts", "GlideClusterClient.d.ts");
    expect(standalone, "GLIDE's declarations are installed in the workspace").toBeDefined();
    for (const name of Object.keys(standaloneCommands)) {
      expect(standalone?.has(name), `GlideClient.${name}`).toBe(true);
    }
    for (const name of Object.keys(clusterCommands)) {
      expect(cluster?.has(name), `GlideClusterClient.${name}`).toBe(true);
    }
  });

  it("build a command from every factory of the base record", () => {
    expect(Object.keys(baseCommands).length).toBeGreaterThan(100);
    for (const factory of Object.values(baseCommands)) expect(typeof factory).toBe("function");
  });
});

describe("GLIDE request type names", () => {
  it("every spec's glideName is one of GLIDE's RequestType names (its span names)", () => {
    const store = join(import.meta.dirname, "../../../node_modules/.pnpm");
    const glide = readdirSync(store).find((entry) => entry.startsWith("@valkey+valkey-glide@"));
    expect(glide, "GLIDE's declarations are installed in the workspace").toBeDefined();
    const protobuf = readFileSync(
      join(
        store,
        glide as string,
        "node_modules/@valkey/valkey-glide/build-ts/ProtobufMessage.d.ts",
      ),
      "utf8",
    );
    const start = protobuf.indexOf("enum RequestType {");
    const body = protobuf.slice(start, protobuf.indexOf("}", start));
    const requestTypes = new Set([...body.matchAll(/^\s+(\w+) = \d+,?$/gm)].map((m) => m[1]));
    expect(requestTypes.size).toBeGreaterThan(300);
    const unknown = definedSpecs()
      .map((spec) => spec.glideName)
      .filter((name) => !requestTypes.has(name));
    expect([...new Set(unknown)]).toEqual([]);
  });
});
