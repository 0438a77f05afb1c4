import { afterEach, describe, expect, it, vi } from "vitest";

describe("lazy built-ins", () => {
  const original = process.getBuiltinModule;

  afterEach(() => {
    process.getBuiltinModule = original;
    vi.resetModules();
  });

  it("returns the same module as a static import, once loaded", async () => {
    const { fsModule, tlsModule, cryptoModule } = await import("./lazy-builtins.js");
    const fs = await import("node:fs");
    expect(fsModule().appendFileSync).toBe(fs.appendFileSync);
    expect(fsModule()).toBe(fsModule());
    expect(typeof tlsModule().connect).toBe("function");
    expect(typeof cryptoModule().createHash).toBe("function");
  });

  it("falls back to createRequire where process.getBuiltinModule is missing (Node < 20.16)", async () => {
    process.getBuiltinModule = undefined as unknown as typeof process.getBuiltinModule;
    vi.resetModules();
    const { fsModule } = await import("./lazy-builtins.js");
    const fs = await import("node:fs");
    expect(fsModule().appendFileSync).toBe(fs.appendFileSync);
  });
});
