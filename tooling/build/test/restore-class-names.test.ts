import { describe, expect, it } from "vitest";
import { restoreClassNames } from "../src/restore-class-names.mjs";

// What esbuild writes for `export class Registry { static create() { return new Registry(); } … }`.
const bundled = [
  "var Registry=class _Registry{static instances=[];_Registry=1;static create(){",
  "let r=new _Registry;return _Registry.instances.push(r),r}",
  "get _Registry2(){return{_Registry:_Registry.name}}};",
  "var Plain=class{};",
  "export{Plain,Registry};",
].join("\n");

describe("restoreClassNames", () => {
  it("gives a self-referencing class its own name back, at the same offsets", () => {
    const { code, renamed } = restoreClassNames(bundled);
    expect(renamed).toEqual(["Registry"]);
    expect(code.length).toBe(bundled.length);
    expect(code.split("\n").map((line) => line.length)).toEqual(
      bundled.split("\n").map((line) => line.length),
    );
    expect(code).toContain("var Registry=class Registry {");
    expect(code).toContain("let r=new Registry ;return Registry .instances");
  });

  it("leaves property names alone and keeps the code working", async () => {
    const { code } = restoreClassNames(bundled);
    const url = `data:text/javascript,${encodeURIComponent(code)}`;
    const { Registry, Plain } = (await import(/* @vite-ignore */ url)) as {
      Registry: { name: string; create(): { _Registry: number; _Registry2: object } };
      Plain: { name: string };
    };
    expect(Registry.name).toBe("Registry");
    expect(Plain.name).toBe("Plain");
    const created = Registry.create();
    expect(created._Registry).toBe(1);
    expect(created._Registry2).toEqual({ _Registry: "Registry" });
  });

  it("returns code without such classes unchanged", () => {
    const plain = "var A=class{};export{A};";
    expect(restoreClassNames(plain)).toEqual({ code: plain, renamed: [] });
  });
});
