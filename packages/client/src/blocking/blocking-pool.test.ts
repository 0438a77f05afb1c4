import { standaloneCommands as commands } from "@petrel/commands";
import { describe, expect, it } from "vitest";
import { blocksConnection } from "./blocking-pool.js";

describe("blocksConnection", () => {
  it.each([
    ["BLPOP", commands.blpop(["k"], 1), true],
    ["BZPOPMIN forever", commands.bzpopmin(["k"], 0), true],
    ["XREAD BLOCK", commands.xread({ s: "$" }, { block: 100 }), true],
    ["XREADGROUP BLOCK", commands.xreadgroup("g", "c", { s: ">" }, { block: 0 }), true],
    ["XREAD without BLOCK", commands.xread({ s: "0" }), false],
    ["WAIT (counts its own connection's writes)", commands.wait(1, 100), false],
    ["GET", commands.get("k"), false],
  ])("%s: %s", (_name, command, expected) => {
    expect(blocksConnection(command)).toBe(expected);
  });
});
