import { describe, expect, it } from "vitest";
import { parseArgs } from "../src/args.js";

describe("parseArgs", () => {
  it("defaults to the embedded fake", () => {
    expect(parseArgs([])).toEqual({ kind: "fake" });
    expect(parseArgs(["--help"])).toEqual({ kind: "help" });
  });

  it("reads --cluster and --standalone with host:port or a URI", () => {
    expect(parseArgs(["--cluster", "127.0.0.1:7000"])).toEqual({
      kind: "real",
      mode: "cluster",
      address: "127.0.0.1:7000",
    });
    expect(parseArgs(["--standalone", "rediss://:pw@cache:6380/1"])).toEqual({
      kind: "real",
      mode: "standalone",
      address: "rediss://:pw@cache:6380/1",
    });
    expect(parseArgs(["--standalone", "[::1]:6379"])).toMatchObject({ address: "[::1]:6379" });
  });

  it("rejects bad input with a clear message", () => {
    expect(() => parseArgs(["--cluster"])).toThrow(/--cluster needs an address/);
    expect(() => parseArgs(["--cluster", "localhost"])).toThrow(/neither host:port nor a URI/);
    expect(() => parseArgs(["--cluster", "h:1", "extra"])).toThrow(/unexpected arguments/);
    expect(() => parseArgs(["--verbose"])).toThrow(/unknown argument "--verbose"/);
  });
});
