import { describe, expect, it } from "vitest";
import { parseArguments } from "./arguments.js";

describe("parseArguments", () => {
  it("defaults to one standalone server on a free port", () => {
    expect(parseArguments([])).toEqual({ mode: "standalone", replicas: 0 });
  });

  it("reads a cluster shape and a base port", () => {
    expect(parseArguments(["--cluster", "3x1", "--port", "7000"])).toEqual({
      mode: "cluster",
      shards: 3,
      replicas: 1,
      port: 7000,
    });
  });

  it("reads standalone options", () => {
    expect(
      parseArguments([
        "--standalone",
        "--port",
        "6390",
        "--replicas",
        "2",
        "--password",
        "pw",
        "--seed",
        "7",
      ]),
    ).toEqual({ mode: "standalone", replicas: 2, port: 6390, password: "pw", seed: 7 });
  });

  it.each([
    [["--cluster", "3"], "--cluster needs <shards>x<replicas>"],
    [["--cluster", "0x1"], "--cluster shards needs an integer >= 1"],
    [["--port", "abc"], "--port needs an integer"],
    [["--port", "70000"], "--port must be at most 65535"],
    [["--bogus"], "unknown argument --bogus"],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArguments(argv)).toThrow(message);
  });

  it("answers help", () => {
    expect(parseArguments(["--help"])).toEqual({ mode: "help" });
  });
});
