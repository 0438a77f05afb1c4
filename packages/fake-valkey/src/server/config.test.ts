import { describe, expect, it } from "vitest";
import { ServerConfig } from "./config.js";

describe("ServerConfig", () => {
  it("matches parameters by glob and validates CONFIG SET", () => {
    const config = new ServerConfig({ databases: "1" });
    expect(config.matching("data*")).toEqual([["databases", "1"]]);
    expect(config.check("nope", "1")).toBe(
      "Unknown option or number of arguments for CONFIG SET - 'nope'",
    );
    expect(config.check("databases", "2")).toContain("can't set immutable config");
    expect(config.check("appendonly", "maybe")).toContain("argument must be 'yes' or 'no'");
    expect(config.check("proto-max-bulk-len", "2mb")).toBeUndefined();
  });

  it("notifies listeners and converts memory units", () => {
    const config = new ServerConfig();
    const seen: string[] = [];
    config.onChange("requirepass", (value) => seen.push(value));
    config.set("requirepass", "pw");
    config.set("proto-max-bulk-len", "2mb");
    expect(seen).toEqual(["pw"]);
    expect(config.getNumber("proto-max-bulk-len")).toBe(2 * 1024 * 1024);
  });
});
