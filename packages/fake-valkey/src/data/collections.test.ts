import { describe, expect, it } from "vitest";
import { fakeDataHandlers } from "./index.js";
import { run, testContext } from "./test-support/harness.js";

describe("hashes, lists and sets", () => {
  it("HGETALL is a map (flat in RESP2 by the encoder)", () => {
    const ctx = testContext(3);
    run(ctx, "HSET", "h", "a", "1", "b", "2");
    expect(run(ctx, "HGETALL", "h")).toEqual({
      map: [
        ["a", "1"],
        ["b", "2"],
      ],
    });
  });

  it("binary fields and members round-trip", () => {
    const ctx = testContext();
    const field = Buffer.from([0xff, 0x00, 0xc3]);
    run(ctx, "HSET", "h", field, "v");
    run(ctx, "SADD", "s", field);
    expect(run(ctx, "HKEYS", "h")).toEqual([field.toString("latin1")]);
    expect(run(ctx, "SISMEMBER", "s", field)).toBe(1);
  });

  it("HRANDFIELD, SRANDMEMBER and ZRANDMEMBER honour count signs", () => {
    const ctx = testContext();
    run(ctx, "HSET", "h", "a", "1", "b", "2", "c", "3");
    run(ctx, "SADD", "s", "a", "b", "c");
    run(ctx, "ZADD", "z", "1", "a", "2", "b", "3", "c");
    for (const key of [
      ["HRANDFIELD", "h"],
      ["SRANDMEMBER", "s"],
      ["ZRANDMEMBER", "z"],
    ] as const) {
      const distinct = run(ctx, key[0], key[1], "5") as string[];
      expect(new Set(distinct).size).toBe(3);
      expect(distinct).toHaveLength(3);
      expect(run(ctx, key[0], key[1], "-7") as string[]).toHaveLength(7);
    }
  });

  it("SPOP removes what it returns and deletes an emptied set", () => {
    const ctx = testContext();
    run(ctx, "SADD", "s", "a", "b", "c");
    const popped = run(ctx, "SPOP", "s", "2") as { set: string[] };
    expect(popped.set).toHaveLength(2);
    for (const member of popped.set) expect(run(ctx, "SISMEMBER", "s", member)).toBe(0);
    run(ctx, "SPOP", "s");
    expect(run(ctx, "EXISTS", "s")).toBe(0);
  });

  it("lists of small integers in a set come back in intset order", () => {
    const ctx = testContext(3);
    run(ctx, "SADD", "s", "10", "-2", "3");
    expect(run(ctx, "SMEMBERS", "s")).toEqual({ set: ["-2", "3", "10"] });
  });

  it("HSCAN pages a large hash and returns every field", () => {
    const ctx = testContext();
    for (let i = 0; i < 600; i++) run(ctx, "HSET", "h", `f${i}`, "v");
    const seen = new Set<string>();
    let cursor = "0";
    let rounds = 0;
    do {
      const [next, items] = run(ctx, "HSCAN", "h", cursor, "COUNT", "50") as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.add(items[i] as string);
      cursor = next;
      rounds++;
    } while (cursor !== "0" && rounds < 1000);
    expect(seen.size).toBe(600);
    expect(rounds).toBeGreaterThan(1);
  });

  it("HSCAN NOVALUES and ZSCAN NOSCORES list names only (Valkey 8)", () => {
    const ctx = testContext();
    run(ctx, "HSET", "h", "a", "1", "b", "2");
    run(ctx, "ZADD", "z", "1", "m", "2", "n");
    expect(run(ctx, "HSCAN", "h", "0", "NOVALUES")).toEqual(["0", ["a", "b"]]);
    expect(run(ctx, "ZSCAN", "z", "0", "MATCH", "*", "NOSCORES")).toEqual(["0", ["m", "n"]]);
    expect(run(ctx, "SSCAN", "z", "0", "NOSCORES")).toEqual({
      error: "WRONGTYPE Operation against a key holding the wrong kind of value",
    });
    run(ctx, "SADD", "s", "x");
    expect(run(ctx, "SSCAN", "s", "0", "NOVALUES")).toEqual({ error: "ERR syntax error" });
  });

  it("a collection keeps its large encoding once converted, as the server does", () => {
    const ctx = testContext();
    run(ctx, "SADD", "s", "1", "2", "x");
    expect(run(ctx, "OBJECT", "ENCODING", "s")).toBe("listpack");
    run(ctx, "SREM", "s", "x");
    expect(run(ctx, "OBJECT", "ENCODING", "s")).toBe("listpack");
    run(ctx, "SADD", "s", ...Array.from({ length: 130 }, (_, i) => `m${i}`));
    expect(run(ctx, "OBJECT", "ENCODING", "s")).toBe("hashtable");
    run(ctx, "SPOP", "s", "129");
    expect(run(ctx, "OBJECT", "ENCODING", "s")).toBe("hashtable");
    run(ctx, "SADD", "fresh", "1", "2");
    expect(run(ctx, "OBJECT", "ENCODING", "fresh")).toBe("intset");
    run(ctx, "ZADD", "z", "1", "m".repeat(65));
    run(ctx, "COPY", "z", "z2");
    expect(run(ctx, "OBJECT", "ENCODING", "z2")).toBe("skiplist");
  });

  it("LPOS, LINSERT and LREM", () => {
    const ctx = testContext();
    run(ctx, "RPUSH", "l", "a", "b", "a", "c", "a");
    expect(run(ctx, "LPOS", "l", "a", "RANK", "-2", "COUNT", "0")).toEqual([2, 0]);
    expect(run(ctx, "LINSERT", "l", "AFTER", "c", "d")).toBe(6);
    expect(run(ctx, "LREM", "l", "-2", "a")).toBe(2);
    expect(run(ctx, "LRANGE", "l", "0", "-1")).toEqual(["a", "b", "c", "d"]);
  });

  it("every command declares a lower-case name, an arity and key positions", () => {
    expect(fakeDataHandlers.size).toBeGreaterThan(120);
    for (const [name, command] of fakeDataHandlers) {
      expect(name).toBe(command.name);
      expect(name).toBe(name.toLowerCase());
      expect(command.arity).not.toBe(0);
      expect(command.flags.length).toBeGreaterThan(0);
    }
  });
});
