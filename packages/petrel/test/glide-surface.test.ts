// `petrel` must export every GLIDE name Petrel implements, and the README must
// list, honestly, every GLIDE name it lacks.
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as petrel from "../src/index.js";
import * as petrelOtel from "../src/otel.js";
import {
  ExportReader,
  glideIndexPath,
  packageRoot,
  readmeList,
  repoRoot,
} from "./support/module-exports.js";

const entry = (relative: string) => path.join(repoRoot, relative);
const petrelIndex = path.join(packageRoot, "src/index.ts");
const petrelOtelEntry = path.join(packageRoot, "src/otel.ts");
const implementationEntries = [
  "packages/client/src/index.ts",
  "packages/batch/src/index.ts",
  "packages/commands/src/index.ts",
  "packages/otel/src/index.ts",
].map(entry);
const glideIndex = glideIndexPath();

const reader = new ExportReader([
  petrelIndex,
  petrelOtelEntry,
  glideIndex,
  ...implementationEntries,
]);
const glide = reader.exportsOf(glideIndex);
const petrelNames = new Set(reader.exportsOf(petrelIndex).map((e) => e.name));
const petrelOtelNames = new Set(reader.exportsOf(petrelOtelEntry).map((e) => e.name));
const otelNames = new Set(reader.exportsOf(entry("packages/otel/src/index.ts")).map((e) => e.name));
const implementationExports = implementationEntries.flatMap((file) => reader.exportsOf(file));
const implemented = new Set(implementationExports.map((e) => e.name));
const implementedValues = new Set(
  implementationExports.filter((e) => e.isValue).map((e) => e.name),
);

describe("the GLIDE surface of petrel", () => {
  it("reads a plausible number of names from GLIDE's declarations", () => {
    expect(glide.length).toBeGreaterThan(150);
    expect(glide.map((e) => e.name)).toContain("GlideClusterClient");
  });

  it("exports every GLIDE name that a @petrel package implements", () => {
    const notReexported = glide
      .filter(({ name }) => implemented.has(name))
      .filter(({ name }) =>
        otelNames.has(name) ? !petrelOtelNames.has(name) : !petrelNames.has(name),
      )
      .map((e) => e.name);
    expect(notReexported).toEqual([]);
  });

  it("has the implemented GLIDE values at run time", () => {
    const runtime: Record<string, unknown> = { ...petrel };
    const runtimeOtel: Record<string, unknown> = { ...petrelOtel };
    const absent = glide
      .filter((e) => e.isValue && implementedValues.has(e.name))
      .filter(({ name }) => (otelNames.has(name) ? runtimeOtel[name] : runtime[name]) === undefined)
      .map((e) => e.name);
    expect(absent).toEqual([]);
  });

  it("exports the headline API", () => {
    for (const name of [
      "GlideClient",
      "GlideClusterClient",
      "Batch",
      "ClusterBatch",
      "GlideJson",
      "JsonBatch",
      "Script",
      "ClusterScanCursor",
      "Logger",
      "RequestError",
      "TimeoutError",
      "ConfigurationError",
      "ProtocolVersion",
      "configFromUri",
    ]) {
      expect(petrel, name).toHaveProperty(name);
    }
    expect(petrelOtel).toHaveProperty("OpenTelemetry");
  });

  it("queues JsonBatch's module commands on petrel's Batch and ClusterBatch", () => {
    const batch = new petrel.Batch(false);
    const clusterBatch = new petrel.ClusterBatch(true);
    expect(petrel.JsonBatch.set(batch, "k", "$", "1")).toBe(batch);
    expect(petrel.JsonBatch.arrappend(clusterBatch, "k", "$", ["2"])).toBe(clusterBatch);
    expect(batch.commands.map((command) => command.args)).toEqual([["JSON.SET", "k", "$", "1"]]);
    expect(clusterBatch.commands.map((command) => command.args)).toEqual([
      ["JSON.ARRAPPEND", "k", "$", "2"],
    ]);
  });

  it("lists every GLIDE name it lacks in the README", () => {
    const lacking = glide.map((e) => e.name).filter((name) => !implemented.has(name));
    const listed = new Set(readmeList("glide-missing"));
    const unlisted = lacking.filter((name) => !listed.has(name));
    // On failure, paste these names into the README's glide-missing block.
    expect(unlisted).toEqual([]);
    // And the block lists only names Petrel lacks.
    expect([...listed].filter((name) => implemented.has(name))).toEqual([]);
  });

  it("lists in the README the GLIDE values that Petrel has as types only", () => {
    const typeOnly = glide
      .filter((e) => e.isValue && implemented.has(e.name) && !implementedValues.has(e.name))
      .map((e) => e.name);
    const listed = new Set(readmeList("glide-type-only"));
    expect(typeOnly.filter((name) => !listed.has(name))).toEqual([]);
  });

  it("does not load OpenTelemetry or AWS code from the main entry", () => {
    const mainOnly = new ExportReader([petrelIndex]).loadedFiles();
    const optional = mainOnly.filter((file) =>
      /[\\/](packages[\\/](otel|iam)[\\/]|@opentelemetry|@aws-sdk|@smithy)/.test(file),
    );
    expect(optional).toEqual([]);
  });
});
