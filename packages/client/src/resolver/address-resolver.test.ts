import { describe, expect, it } from "vitest";
import { resolveAddress } from "./address-resolver.js";

describe("address resolvers", () => {
  it("maps an address through the resolver", () => {
    expect(resolveAddress((host, port) => [`${host}.lan`, port + 1], "a", 1)).toEqual({
      host: "a.lan",
      port: 2,
    });
  });

  it("keeps the address when the resolver throws or returns no [host, port] (GLIDE's rule)", () => {
    const throwing = () => {
      throw new Error("no route");
    };
    expect(resolveAddress(throwing, "a", 1)).toEqual({ host: "a", port: 1 });
    for (const bad of [undefined, ["a"], ["", 1], ["a", 0], ["a", 70000], ["a", "1"], "a:1"]) {
      const resolver = (() => bad) as unknown as (h: string, p: number) => [string, number];
      expect(resolveAddress(resolver, "h", 6)).toEqual({ host: "h", port: 6 });
    }
  });
});
