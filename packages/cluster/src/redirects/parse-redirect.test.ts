import { describe, expect, it } from "vitest";
import { isWellFormedRedirect, parseRedirect } from "./parse-redirect.js";

describe("parseRedirect", () => {
  it("parses MOVED and ASK with an IP", () => {
    expect(parseRedirect("MOVED 3999 127.0.0.1:6381")).toEqual({
      kind: "MOVED",
      slot: 3999,
      host: "127.0.0.1",
      port: 6381,
      sameHost: false,
    });
    expect(parseRedirect("ASK 0 10.0.0.2:7000")).toEqual({
      kind: "ASK",
      slot: 0,
      host: "10.0.0.2",
      port: 7000,
      sameHost: false,
    });
  });

  it("parses hostnames and unbracketed or bracketed IPv6 (split on the last colon)", () => {
    expect(parseRedirect("MOVED 16383 node-3.cache.example.com:6379")?.host).toBe(
      "node-3.cache.example.com",
    );
    expect(parseRedirect("MOVED 1 ::1:7000")).toMatchObject({ host: "::1", port: 7000 });
    expect(parseRedirect("MOVED 1 2001:db8::7:6379")).toMatchObject({
      host: "2001:db8::7",
      port: 6379,
    });
    expect(parseRedirect("MOVED 1 [::1]:7000")).toMatchObject({ host: "::1", port: 7000 });
  });

  it("resolves an empty host to the connection's host", () => {
    expect(parseRedirect("MOVED 3999 :6380", "10.0.0.5")).toEqual({
      kind: "MOVED",
      slot: 3999,
      host: "10.0.0.5",
      port: 6380,
      sameHost: true,
    });
    expect(parseRedirect("MOVED 3999 :6380")).toBeUndefined();
  });

  it("tolerates surrounding whitespace", () => {
    expect(parseRedirect(" MOVED 5 h:1 \r\n")?.slot).toBe(5);
  });

  it.each([
    "MOVED __proto__ h:6379",
    "MOVED constructor h:6379",
    "MOVED 99999 h:6379",
    "MOVED 16384 h:6379",
    "MOVED -1 h:6379",
    "MOVED 1.5 h:6379",
    "MOVED 0x10 h:6379",
    "MOVED 12 hostonly",
    "MOVED 12 h:",
    "MOVED 12 h:0",
    "MOVED 12 h:65536",
    "MOVED 12 h:+80",
    "MOVED 12 h:80 extra",
    "MOVED 12",
    "MOVED",
    "ASK",
    "ASK ",
    "ASKING 1 h:1",
    "moved 1 h:1",
    "ERR something",
    "",
  ])("rejects %j", (message) => {
    expect(parseRedirect(message, "conn")).toBeUndefined();
  });

  it("returns plain objects and leaves Object.prototype alone", () => {
    parseRedirect("MOVED __proto__ __proto__:1");
    const redirect = parseRedirect("MOVED 1 __proto__:1");
    expect(redirect?.host).toBe("__proto__");
    expect(({} as Record<string, unknown>).slot).toBeUndefined();
  });
});

describe("isWellFormedRedirect", () => {
  it("accepts an empty host, which needs the connection's host to resolve", () => {
    expect(isWellFormedRedirect("MOVED 1 :6380")).toBe(true);
    expect(isWellFormedRedirect("ASK 1 h:6380")).toBe(true);
    expect(isWellFormedRedirect("MOVED 1 h")).toBe(false);
  });
});
