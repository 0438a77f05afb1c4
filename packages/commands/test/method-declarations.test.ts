// The generated method declarations (src/generated/client-methods.generated.ts and
// packages/batch/src/generated/batch-methods.generated.ts) are committed: they must be
// what the generator writes from the current records, docs data and examples.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  outputs,
  renderMethodDeclarations,
  replyInWords,
} from "../scripts/generate-method-declarations.mjs";

describe("generated method declarations", () => {
  it("are up to date (regenerate: pnpm --filter @petrel/commands generate:methods)", () => {
    const rendered = renderMethodDeclarations();
    expect(rendered.map((file) => file.path).sort()).toEqual(Object.values(outputs).sort());
    for (const { path, text } of rendered) {
      expect(readFileSync(path, "utf8") === text, `${path} is stale`).toBe(true);
    }
  }, 60_000);

  it("document every method with a summary, the reply and @see", () => {
    const client = readFileSync(outputs.client, "utf8");
    const methods = [...client.matchAll(/\*\/\n {2}(\w+)\(/g)].length;
    expect(methods).toBeGreaterThan(250);
    expect([...client.matchAll(/@see https:\/\/valkey\.io\/commands\/[a-z_-]+\/\n/g)].length).toBe(
      methods,
    );
    expect(client).toContain("@see https://valkey.io/commands/config-get/");
  });

  it("say the common reply shapes in words", () => {
    expect(replyInWords("number")).toBe("a number");
    expect(replyInWords("GlideString | null")).toContain("`null` when there is none");
    expect(replyInWords("Weird<Thing>")).toBe("`Weird<Thing>`");
  });
});
