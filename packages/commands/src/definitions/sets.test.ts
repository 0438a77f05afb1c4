import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import {
  sadd,
  scard,
  sdiff,
  sdiffstore,
  setCommands,
  sinter,
  sintercard,
  sinterstore,
  sismember,
  smembers,
  smismember,
  smove,
  spop,
  spopCount,
  srandmember,
  srandmemberCount,
  srem,
  sscan,
  sunion,
  sunionstore,
} from "./sets.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("set arguments", () => {
  it("builds single-key commands as GLIDE does", () => {
    expect(sadd("s", ["a", "b"]).args).toEqual(["SADD", "s", "a", "b"]);
    expect(srem("s", ["a"]).args).toEqual(["SREM", "s", "a"]);
    expect(smembers("s").args).toEqual(["SMEMBERS", "s"]);
    expect(scard("s").args).toEqual(["SCARD", "s"]);
    expect(sismember("s", "a").args).toEqual(["SISMEMBER", "s", "a"]);
    expect(smismember("s", ["a", "b"]).args).toEqual(["SMISMEMBER", "s", "a", "b"]);
    expect(smove("s", "d", "a").args).toEqual(["SMOVE", "s", "d", "a"]);
    expect(spop("s").args).toEqual(["SPOP", "s"]);
    expect(spopCount("s", 2).args).toEqual(["SPOP", "s", 2]);
    expect(srandmember("s").args).toEqual(["SRANDMEMBER", "s"]);
    expect(srandmemberCount("s", -3).args).toEqual(["SRANDMEMBER", "s", -3]);
  });

  it("builds multi-key commands", () => {
    expect(sinter(["a", "b"]).args).toEqual(["SINTER", "a", "b"]);
    expect(sunion(["a", "b"]).args).toEqual(["SUNION", "a", "b"]);
    expect(sdiff(["a", "b"]).args).toEqual(["SDIFF", "a", "b"]);
    expect(sinterstore("d", ["a", "b"]).args).toEqual(["SINTERSTORE", "d", "a", "b"]);
    expect(sunionstore("d", ["a"]).args).toEqual(["SUNIONSTORE", "d", "a"]);
    expect(sdiffstore("d", ["a", "b"]).args).toEqual(["SDIFFSTORE", "d", "a", "b"]);
    expect(sintercard(["a", "b"]).args).toEqual(["SINTERCARD", 2, "a", "b"]);
    expect(sintercard(["a", "b"], { limit: 5 }).args).toEqual([
      "SINTERCARD",
      2,
      "a",
      "b",
      "LIMIT",
      5,
    ]);
  });

  it("builds SSCAN with MATCH and COUNT", () => {
    expect(sscan("s", "0").args).toEqual(["SSCAN", "s", "0"]);
    expect(sscan("s", "17", { match: "a*", count: 10, decoder: Decoder.Bytes }).args).toEqual([
      "SSCAN",
      "s",
      "17",
      "MATCH",
      "a*",
      "COUNT",
      10,
    ]);
    expect(sscan("s", "0", { decoder: Decoder.Bytes }).decoder).toBe(Decoder.Bytes);
  });
});

describe("set replies under RESP2 and RESP3", () => {
  it("gives a JS Set for RESP2 arrays and RESP3 sets", () => {
    const result = parseBoth(smembers("s"), ["a", "b"], new Set(["a", "b"]));
    expect(result.resp2).toBeInstanceOf(Set);
    expect(result.resp2).toEqual(new Set(["a", "b"]));
    expect(result.resp3).toEqual(result.resp2);
    for (const cmd of [sinter(["a"]), sunion(["a"]), sdiff(["a"])]) {
      const both = parseBoth(cmd, ["x"], new Set(["x"]));
      expect(both.resp2).toEqual(new Set(["x"]));
      expect(both.resp3).toEqual(new Set(["x"]));
    }
  });

  it("keeps Buffer members with the Bytes decoder", () => {
    const member = Buffer.from([0xfe]);
    const { resp2, resp3 } = parseBoth(smembers("s"), [member], new Set([member]));
    expect([...resp2][0]).toBe(member);
    expect([...resp3][0]).toBe(member);
  });

  it("parses SPOP with a count as a Set, empty for a missing key", () => {
    expect(parseBoth(spopCount("s", 2), ["a", "b"], new Set(["a", "b"]))).toEqual({
      resp2: new Set(["a", "b"]),
      resp3: new Set(["a", "b"]),
    });
    expect(parseBoth(spopCount("s", 2), [], new Set())).toEqual({
      resp2: new Set(),
      resp3: new Set(),
    });
  });

  it("parses 0/1 and RESP3 booleans as booleans", () => {
    expect(parseBoth(sismember("s", "a"), 1, 1)).toEqual({ resp2: true, resp3: true });
    expect(parseBoth(sismember("s", "a"), 0, false)).toEqual({ resp2: false, resp3: false });
    expect(parseBoth(smove("s", "d", "a"), 0, 0)).toEqual({ resp2: false, resp3: false });
    expect(parseBoth(smismember("s", ["a", "b"]), [1, 0], [1, 0])).toEqual({
      resp2: [true, false],
      resp3: [true, false],
    });
  });

  it("parses single and counted random members", () => {
    expect(parseBoth(spop("s"), null, null)).toEqual({ resp2: null, resp3: null });
    expect(parseBoth(srandmember("s"), "a", "a").resp3).toBe("a");
    expect(parseBoth(srandmemberCount("s", -2), ["a", "a"], ["a", "a"]).resp2).toEqual(["a", "a"]);
  });

  it("parses SSCAN as [cursor, members], the cursor decoded like the members", () => {
    const reply = ["5", ["a", "b"]];
    expect(parseBoth(sscan("s", "0"), reply, reply)).toEqual({
      resp2: ["5", ["a", "b"]],
      resp3: ["5", ["a", "b"]],
    });
    const bytes = [Buffer.from("0"), [Buffer.from("a")]];
    const parsed = parseBoth(sscan("s", "0", { decoder: Decoder.Bytes }), bytes, bytes).resp2;
    expect(Buffer.isBuffer(parsed[0])).toBe(true);
  });

  it("parses store and card counts", () => {
    expect(parseBoth(sinterstore("d", ["a"]), 3, 3).resp2).toBe(3);
    expect(parseBoth(sintercard(["a", "b"]), 2, 2).resp3).toBe(2);
    expect(parseBoth(scard("s"), 0, 0).resp3).toBe(0);
  });

  it("rejects malformed replies with a RequestError", () => {
    const cmd = smembers("s");
    expect(() => cmd.spec.parse(7, cmd, { resp: 2 })).toThrow(RequestError);
    const scan = sscan("s", "0");
    expect(() => scan.spec.parse(["0"], scan, { resp: 3 })).toThrow(RequestError);
  });
});

describe("setCommands", () => {
  it("records every set factory", () => {
    expect(Object.keys(setCommands)).toHaveLength(19);
    expect(setCommands.spopCount).toBe(spopCount);
    expect(spopCount("s", 1).spec.glideName).toBe("SPop");
  });
});
