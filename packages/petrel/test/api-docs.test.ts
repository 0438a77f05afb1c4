// Every public method of GlideClient, GlideClusterClient, Batch and ClusterBatch, as an
// editor reads petrel's built declarations, has a doc comment; every command method
// has `@see` to the command's page on valkey.io. (petrel's test task builds first.)
import { baseBatchCommands, batchCommands, clusterBatchCommands } from "@petrel/batch";
import { clusterCommands, standaloneCommands } from "@petrel/commands";
import { beforeAll, describe, expect, it } from "vitest";
import { builtMethodDocs, type MethodDocs } from "./support/api-docs.js";

const classes = ["GlideClient", "GlideClusterClient", "Batch", "ClusterBatch"] as const;

/** Methods that send one Valkey command, by class: the command records' (bar customCommand). */
const commandMethods: Record<(typeof classes)[number], Set<string>> = {
  GlideClient: new Set(Object.keys(standaloneCommands)),
  GlideClusterClient: new Set(Object.keys(clusterCommands)),
  Batch: new Set(Object.keys(batchCommands)),
  ClusterBatch: new Set([...Object.keys(clusterBatchCommands), ...Object.keys(baseBatchCommands)]),
};
for (const names of Object.values(commandMethods)) names.delete("customCommand");

let methods: MethodDocs[];
beforeAll(() => {
  methods = builtMethodDocs(classes);
}, 120_000);

const label = (method: MethodDocs) => `${method.className}.${method.name}`;

describe("API documentation in the built declarations", () => {
  it("reads every class's methods", () => {
    for (const className of classes) {
      expect(methods.filter((m) => m.className === className).length).toBeGreaterThan(200);
    }
  });

  it("documents every public method", () => {
    const documented = methods.filter((method) => method.documentation !== "");
    console.log(
      `documented: ${documented.length}/${methods.length}, with @see: ${
        methods.filter((method) => method.see.length > 0).length
      }`,
    );
    expect(methods.filter((method) => method.documentation === "").map(label)).toEqual([]);
  });

  it("links every command method to its page on valkey.io", () => {
    const commands = methods.filter((method) =>
      commandMethods[method.className as (typeof classes)[number]].has(method.name),
    );
    expect(commands.length).toBeGreaterThan(900);
    const unlinked = commands.filter(
      (method) =>
        !method.see.some((see) => /^https:\/\/valkey\.io\/commands\/[a-z_-]+\/$/.test(see)),
    );
    expect(unlinked.map(label)).toEqual([]);
  });
});
