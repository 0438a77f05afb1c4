// node:tls and node:crypto stay unloaded until a TLS connection or a Script
// needs them (cold start, issue 10). Each test file runs in its own process, and
// vitest's worker loads neither, so process.moduleLoadList shows what Petrel loaded.
import { startStandalone } from "@petrel/fake-valkey";
import { describe, expect, it } from "vitest";

/** Node's (undocumented, untyped) list of the built-in modules loaded so far. */
function loaded(name: "tls" | "crypto"): boolean {
  const { moduleLoadList } = process as NodeJS.Process & { moduleLoadList: string[] };
  return moduleLoadList.includes(`NativeModule ${name}`);
}

describe("lazily loaded built-ins", () => {
  it("importing the client and running a plain TCP client loads neither node:tls nor node:crypto", async () => {
    expect(loaded("tls") || loaded("crypto")).toBe(false);
    const { GlideClient } = await import("../src/index.js");
    const server = await startStandalone();
    try {
      const client = await GlideClient.createClient({
        addresses: [{ host: server.host, port: server.port }],
      });
      expect(await client.ping()).toBe("PONG");
      client.close();
      expect(loaded("tls")).toBe(false);
      expect(loaded("crypto")).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it("loads node:crypto for Script and node:tls for a TLS socket, on first use", async () => {
    const { Script } = await import("../src/index.js");
    const { tlsModule } = await import("../src/lazy-builtins.js");
    const script = new Script("return 1");
    // SHA-1 of "return 1", as SCRIPT LOAD reports it.
    expect(script.getHash()).toBe("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    expect(loaded("crypto")).toBe(true);
    expect(typeof tlsModule().connect).toBe("function");
    expect(loaded("tls")).toBe(true);
  });
});
