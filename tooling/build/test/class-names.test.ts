import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { withClassNameBlocks } from "../src/class-names.mjs";

describe("withClassNameBlocks", () => {
  const source = [
    "export class Outer<T extends { a: string }> extends Base implements I {",
    "  method(): unknown {",
    "    return class Inner {};",
    "  }",
    "}",
    "const Anonymous = class {};",
    "declare class Ambient {}",
    "abstract class Shape {}",
  ].join("\n");
  const result = withClassNameBlocks(source);

  it("gives every named class, expressions included, a static block naming it", () => {
    expect(result).toContain(
      'implements I {static{Object.defineProperty(this,"name",{value:"Outer"})}',
    );
    expect(result).toContain(
      'class Inner {static{Object.defineProperty(this,"name",{value:"Inner"})}}',
    );
    expect(result).toContain(
      'abstract class Shape {static{Object.defineProperty(this,"name",{value:"Shape"})}}',
    );
  });

  it("leaves anonymous and ambient classes alone, and every line where it was", () => {
    expect(result).toContain("const Anonymous = class {};");
    expect(result).toContain("declare class Ambient {}");
    expect(result.split("\n")).toHaveLength(source.split("\n").length);
  });

  it("keeps class names through esbuild's identifier minification", async () => {
    const code = withClassNameBlocks(
      "class GlideClient {}\nfunction helper() {}\nexport const names = [GlideClient.name, helper.name];",
    );
    const output = await build({
      stdin: { contents: code, loader: "ts" },
      bundle: true,
      write: false,
      format: "esm",
      minify: true,
      logLevel: "silent",
    });
    const text = output.outputFiles[0]?.text ?? "";
    const { names } = (await import(`data:text/javascript,${encodeURIComponent(text)}`)) as {
      names: string[];
    };
    expect(names[0]).toBe("GlideClient");
    // Functions are not named back: that is the point (no defineProperty per function).
    expect(names[1]).not.toBe("helper");
  });
});
