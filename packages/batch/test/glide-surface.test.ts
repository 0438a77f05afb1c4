// Every method of GLIDE's published BaseBatch, Batch and ClusterBatch declarations exists on
// ours (read from the installed @valkey/valkey-glide type declarations).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Batch, ClusterBatch } from "../src/index.js";

const declarations = new URL(
  "../../../node_modules/.pnpm/@valkey+valkey-glide@2.5.2/node_modules/@valkey/valkey-glide/build-ts/Batch.d.ts",
  import.meta.url,
);

/** Method names per exported class of GLIDE's Batch.d.ts. */
function glideMethods(): Record<string, string[]> {
  const classes: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of readFileSync(declarations, "utf8").split("\n")) {
    const declared = /^export declare class (\w+)/.exec(line);
    if (declared) {
      current = [];
      classes[declared[1] as string] = current;
      continue;
    }
    const method = /^ {4}(\w+)(<[^(]*>)?\(/.exec(line);
    if (method && current && method[1] !== "constructor") current.push(method[1] as string);
  }
  return classes;
}

describe("GLIDE's batch surface", () => {
  const methods = glideMethods();

  it.each([
    ["Batch", () => new Batch(false)],
    ["ClusterBatch", () => new ClusterBatch(false)],
  ] as const)("%s has every method GLIDE declares", (name, create) => {
    const expected = [...(methods.BaseBatch ?? []), ...(methods[name] ?? [])];
    expect(expected.length).toBeGreaterThan(200);
    const batch = create() as unknown as Record<string, unknown>;
    expect(expected.filter((method) => typeof batch[method] !== "function")).toEqual([]);
  });
});
