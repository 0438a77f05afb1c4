import { describe, expect, it } from "vitest";
import { parseCliArguments, parseClusterShape } from "./arguments.js";

describe("parseClusterShape", () => {
  it("reads PxR", () => {
    expect(parseClusterShape("3x1")).toEqual({ primaries: 3, replicasPerPrimary: 1 });
    expect(parseClusterShape("1x0")).toEqual({ primaries: 1, replicasPerPrimary: 0 });
  });

  it("rejects anything else", () => {
    expect(() => parseClusterShape("3")).toThrow(/expected e.g. 3x1/);
    expect(() => parseClusterShape("ax1")).toThrow(TypeError);
  });
});

describe("parseCliArguments", () => {
  it("parses a cluster with every option", () => {
    expect(
      parseCliArguments([
        "cluster",
        "--shape",
        "2x2",
        "--tls",
        "--password",
        "pw",
        "--user",
        "app:secret:~app:* +@read",
      ]),
    ).toEqual({
      kind: "cluster",
      options: {
        shape: { primaries: 2, replicasPerPrimary: 2 },
        tls: true,
        password: "pw",
        aclUsers: [{ name: "app", password: "secret", rules: "~app:* +@read" }],
      },
    });
  });

  it("parses a standalone with a replica", () => {
    expect(parseCliArguments(["standalone", "--replica"])).toEqual({
      kind: "standalone",
      options: { withReplica: true },
    });
  });

  it("parses --mtls as TLS with client certificates required", () => {
    expect(parseCliArguments(["standalone", "--mtls"])).toEqual({
      kind: "standalone",
      options: { tls: true, requireClientCertificate: true },
    });
  });

  it("returns help for no arguments or --help", () => {
    expect(parseCliArguments([])).toEqual({ kind: "help" });
    expect(parseCliArguments(["--help"])).toEqual({ kind: "help" });
  });

  it("rejects unknown topologies, unknown flags, missing values and misplaced flags", () => {
    expect(() => parseCliArguments(["sentinel"])).toThrow(/unknown topology/);
    expect(() => parseCliArguments(["standalone", "--fast"])).toThrow(/unknown option/);
    expect(() => parseCliArguments(["standalone", "--password"])).toThrow(/needs a value/);
    expect(() => parseCliArguments(["standalone", "--shape", "3x1"])).toThrow(/cluster only/);
    expect(() => parseCliArguments(["cluster", "--replica"])).toThrow(/standalone only/);
    expect(() => parseCliArguments(["cluster", "--user", "nopass"])).toThrow(/NAME:PASS/);
  });
});
