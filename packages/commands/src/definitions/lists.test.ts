import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { InsertPosition, ListDirection } from "../options/lists.js";
import {
  blmove,
  blmpop,
  blpop,
  brpop,
  lindex,
  linsert,
  listCommands,
  llen,
  lmove,
  lmpop,
  lpop,
  lpopCount,
  lpos,
  lpush,
  lpushx,
  lrange,
  lrem,
  lset,
  ltrim,
  rpop,
  rpopCount,
  rpush,
  rpushx,
} from "./lists.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("list arguments", () => {
  it("builds push, pop and range commands as GLIDE does", () => {
    expect(lpush("k", ["a", "b"]).args).toEqual(["LPUSH", "k", "a", "b"]);
    expect(lpushx("k", ["a"]).args).toEqual(["LPUSHX", "k", "a"]);
    expect(rpush("k", ["a", Buffer.from("b")]).args).toEqual(["RPUSH", "k", "a", Buffer.from("b")]);
    expect(rpushx("k", ["a"]).args).toEqual(["RPUSHX", "k", "a"]);
    expect(lpop("k").args).toEqual(["LPOP", "k"]);
    expect(lpopCount("k", 2).args).toEqual(["LPOP", "k", 2]);
    expect(rpop("k").args).toEqual(["RPOP", "k"]);
    expect(rpopCount("k", 3).args).toEqual(["RPOP", "k", 3]);
    expect(llen("k").args).toEqual(["LLEN", "k"]);
    expect(lrange("k", 0, -1).args).toEqual(["LRANGE", "k", 0, -1]);
    expect(lindex("k", -1).args).toEqual(["LINDEX", "k", -1]);
    expect(lset("k", 1, "v").args).toEqual(["LSET", "k", 1, "v"]);
    expect(ltrim("k", 1, 2).args).toEqual(["LTRIM", "k", 1, 2]);
    expect(lrem("k", -2, "v").args).toEqual(["LREM", "k", -2, "v"]);
  });

  it("builds LINSERT with the position token", () => {
    expect(linsert("k", InsertPosition.Before, "p", "e").args).toEqual([
      "LINSERT",
      "k",
      "before",
      "p",
      "e",
    ]);
    expect(linsert("k", InsertPosition.After, "p", "e").args[2]).toBe("after");
  });

  it("builds LPOS with RANK, COUNT and MAXLEN in order", () => {
    expect(lpos("k", "e").args).toEqual(["LPOS", "k", "e"]);
    expect(lpos("k", "e", { rank: -1, count: 0, maxLength: 10 }).args).toEqual([
      "LPOS",
      "k",
      "e",
      "RANK",
      -1,
      "COUNT",
      0,
      "MAXLEN",
      10,
    ]);
  });

  it("builds LMOVE and LMPOP with direction tokens", () => {
    expect(lmove("a", "b", ListDirection.LEFT, ListDirection.RIGHT).args).toEqual([
      "LMOVE",
      "a",
      "b",
      "LEFT",
      "RIGHT",
    ]);
    expect(lmpop(["a", "b"], ListDirection.RIGHT).args).toEqual(["LMPOP", 2, "a", "b", "RIGHT"]);
    expect(lmpop(["a"], ListDirection.LEFT, { count: 3 }).args).toEqual([
      "LMPOP",
      1,
      "a",
      "LEFT",
      "COUNT",
      3,
    ]);
  });

  it("passes the decoder through", () => {
    expect(lrange("k", 0, 1, { decoder: Decoder.Bytes }).decoder).toBe(Decoder.Bytes);
    expect(lrange("k", 0, 1).decoder).toBeUndefined();
    expect(lmpop(["a"], ListDirection.LEFT, { decoder: Decoder.String }).decoder).toBe(
      Decoder.String,
    );
  });
});

describe("blocking list commands", () => {
  it("put the timeout where the server wants it and carry the block time in ms", () => {
    const pop = blpop(["a", "b"], 0.5);
    expect(pop.args).toEqual(["BLPOP", "a", "b", 0.5]);
    expect(pop.blockMs).toBe(500);
    expect(brpop(["a"], 2).args).toEqual(["BRPOP", "a", 2]);
    expect(brpop(["a"], 2).blockMs).toBe(2000);
    const move = blmove("a", "b", ListDirection.RIGHT, ListDirection.LEFT, 1.5);
    expect(move.args).toEqual(["BLMOVE", "a", "b", "RIGHT", "LEFT", 1.5]);
    expect(move.blockMs).toBe(1500);
    const mpop = blmpop(["a", "b"], ListDirection.LEFT, 0.1, { count: 2 });
    expect(mpop.args).toEqual(["BLMPOP", 0.1, 2, "a", "b", "LEFT", "COUNT", 2]);
    expect(mpop.blockMs).toBe(100);
  });

  it("mark 0 as block forever", () => {
    expect(blpop(["a"], 0).blockMs).toBe(0);
  });

  it("leave blockMs unset on non-blocking commands", () => {
    expect(lpop("k").blockMs).toBeUndefined();
    expect(lmpop(["a"], ListDirection.LEFT).blockMs).toBeUndefined();
  });
});

describe("list replies under RESP2 and RESP3", () => {
  it("pops a single element or nil", () => {
    const single = parseBoth(lpop("k"), "a", "a");
    expect(single).toEqual({ resp2: "a", resp3: "a" });
    expect(parseBoth(rpop("k"), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("pops a count of elements or nil", () => {
    expect(parseBoth(lpopCount("k", 2), ["a", "b"], ["a", "b"])).toEqual({
      resp2: ["a", "b"],
      resp3: ["a", "b"],
    });
    expect(parseBoth(rpopCount("k", 2), null, null).resp3).toBeNull();
  });

  it("gives Buffers through unchanged", () => {
    const bytes = Buffer.from([0xff, 0x00]);
    expect(parseBoth(lindex("k", 0, { decoder: Decoder.Bytes }), bytes, bytes).resp2).toBe(bytes);
  });

  it("parses LPOS as an index, a list of indices, or null", () => {
    expect(parseBoth(lpos("k", "e"), 3, 3)).toEqual({ resp2: 3, resp3: 3 });
    expect(parseBoth(lpos("k", "e", { count: 2 }), [1, 4], [1, 4])).toEqual({
      resp2: [1, 4],
      resp3: [1, 4],
    });
    expect(parseBoth(lpos("k", "e"), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("parses BLPOP/BRPOP as [key, element] or null on timeout", () => {
    expect(parseBoth(blpop(["a"], 1), ["a", "x"], ["a", "x"])).toEqual({
      resp2: ["a", "x"],
      resp3: ["a", "x"],
    });
    expect(parseBoth(brpop(["a"], 1), null, null)).toEqual({ resp2: null, resp3: null });
  });

  it("parses LMPOP/BLMPOP as { key, elements } or null", () => {
    const expected = { key: "a", elements: ["x", "y"] };
    const reply = ["a", ["x", "y"]];
    expect(parseBoth(lmpop(["a"], ListDirection.LEFT), reply, reply)).toEqual({
      resp2: expected,
      resp3: expected,
    });
    expect(parseBoth(blmpop(["a"], ListDirection.LEFT, 1), null, null).resp2).toBeNull();
  });

  it("parses counts, OK and LMOVE", () => {
    expect(parseBoth(llen("k"), 4, 4).resp3).toBe(4);
    expect(parseBoth(lset("k", 0, "v"), "OK", "OK").resp2).toBe("OK");
    expect(parseBoth(ltrim("k", 0, 1), "OK", "OK").resp3).toBe("OK");
    expect(parseBoth(linsert("k", InsertPosition.After, "p", "e"), -1, -1).resp2).toBe(-1);
    expect(
      parseBoth(lmove("a", "b", ListDirection.LEFT, ListDirection.LEFT), null, null).resp2,
    ).toBeNull();
  });

  it("rejects a malformed reply with a RequestError", () => {
    const cmd = blpop(["a"], 1);
    expect(() => cmd.spec.parse(["only-key"], cmd, { resp: 3 })).toThrow(RequestError);
    const mpop = lmpop(["a"], ListDirection.LEFT);
    expect(() => mpop.spec.parse(42, mpop, { resp: 2 })).toThrow(RequestError);
  });
});

describe("listCommands", () => {
  it("records every list factory under its GLIDE method name", () => {
    expect(Object.keys(listCommands).sort()).toEqual(
      [
        "blmove",
        "blmpop",
        "blpop",
        "brpop",
        "lindex",
        "linsert",
        "llen",
        "lmove",
        "lmpop",
        "lpop",
        "lpopCount",
        "lpos",
        "lpush",
        "lpushx",
        "lrange",
        "lrem",
        "lset",
        "ltrim",
        "rpop",
        "rpopCount",
        "rpush",
        "rpushx",
      ].sort(),
    );
  });

  it("uses specs from the command table with GLIDE's request-type names", () => {
    const pop = blpop(["a"], 1);
    expect(pop.spec.name).toBe("BLPOP");
    expect(pop.spec.glideName).toBe("BLPop");
    expect(lpopCount("k", 1).spec.name).toBe("LPOP");
  });
});
