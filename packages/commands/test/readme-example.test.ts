// The README's example, run through the package's public entry point.
import { describe, expect, it } from "vitest";
import {
  clusterCommands,
  extractKeys,
  lookupCommandInfo,
  parseReply,
  standaloneCommands,
  TimeUnit,
} from "../src/index.js";

describe("README example", () => {
  it("builds arguments, parses both protocols alike, and exposes routing data", () => {
    const set = standaloneCommands.set("greeting", "hello", {
      expiry: { type: TimeUnit.Seconds, count: 60 },
    });
    expect(set.args).toEqual(["SET", "greeting", "hello", "EX", 60]);

    const hgetall = standaloneCommands.hgetall("user:1");
    const resp2 = parseReply(hgetall, ["name", "Ada"], 2);
    expect(resp2).toEqual([{ field: "name", value: "Ada" }]);
    expect(parseReply(hgetall, [{ key: "name", value: "Ada" }], 3)).toEqual(resp2);

    expect(clusterCommands.dbsize().spec.response).toBe("aggSum");
    const args = ["MSET", "a", "1", "b", "2"];
    const info = lookupCommandInfo(args);
    expect(info && extractKeys(info.keys, args)).toEqual(["a", "b"]);
  });
});
