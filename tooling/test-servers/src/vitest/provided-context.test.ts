import { describe, expect, it } from "vitest";
import { defaultServerTopologies, resolveRequestedTopologies } from "./provided-context.js";

describe("resolveRequestedTopologies", () => {
  it("defaults to the cheap standalone topologies", () => {
    expect(resolveRequestedTopologies(undefined, undefined)).toEqual([...defaultServerTopologies]);
    expect(defaultServerTopologies).not.toContain("cluster");
  });

  it("takes the config's list, without duplicates", () => {
    expect(resolveRequestedTopologies(["cluster", "standalone", "cluster"], undefined)).toEqual([
      "cluster",
      "standalone",
    ]);
  });

  it("lets PETREL_SERVERS override the config", () => {
    expect(resolveRequestedTopologies(["standalone"], " tls , cluster")).toEqual([
      "tls",
      "cluster",
    ]);
    expect(resolveRequestedTopologies(["standalone"], "  ")).toEqual(["standalone"]);
  });

  it("rejects unknown names", () => {
    expect(() => resolveRequestedTopologies(["sentinel"], undefined)).toThrow(
      /unknown server topology/,
    );
  });
});
