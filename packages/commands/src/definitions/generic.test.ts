import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { ExpireOptions, SortOrder } from "../options/generic.js";
import { ObjectType } from "../options/scan.js";
import { keyIndexes } from "../table/key-specs.js";
import * as generic from "./generic.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("generic command arguments", () => {
  it.each([
    ["del", generic.del(["a", "b"]), ["DEL", "a", "b"]],
    ["unlink", generic.unlink(["a"]), ["UNLINK", "a"]],
    ["exists", generic.exists(["a", "b"]), ["EXISTS", "a", "b"]],
    ["touch", generic.touch(["a"]), ["TOUCH", "a"]],
    ["type", generic.type("k"), ["TYPE", "k"]],
    ["expire", generic.expire("k", 10), ["EXPIRE", "k", 10]],
    [
      "expire NX",
      generic.expire("k", 10, { expireOption: ExpireOptions.HasNoExpiry }),
      ["EXPIRE", "k", 10, "NX"],
    ],
    [
      "expireAt GT",
      generic.expireAt("k", 1700000000, {
        expireOption: ExpireOptions.NewExpiryGreaterThanCurrent,
      }),
      ["EXPIREAT", "k", 1700000000, "GT"],
    ],
    [
      "pexpire XX",
      generic.pexpire("k", 500, { expireOption: ExpireOptions.HasExistingExpiry }),
      ["PEXPIRE", "k", 500, "XX"],
    ],
    [
      "pexpireAt LT",
      generic.pexpireAt("k", 1, { expireOption: ExpireOptions.NewExpiryLessThanCurrent }),
      ["PEXPIREAT", "k", 1, "LT"],
    ],
    ["expiretime", generic.expiretime("k"), ["EXPIRETIME", "k"]],
    ["pexpiretime", generic.pexpiretime("k"), ["PEXPIRETIME", "k"]],
    ["ttl", generic.ttl("k"), ["TTL", "k"]],
    ["pttl", generic.pttl("k"), ["PTTL", "k"]],
    ["persist", generic.persist("k"), ["PERSIST", "k"]],
    ["rename", generic.rename("a", "b"), ["RENAME", "a", "b"]],
    ["renamenx", generic.renamenx("a", "b"), ["RENAMENX", "a", "b"]],
    ["copy", generic.copy("a", "b"), ["COPY", "a", "b"]],
    [
      "copy DB REPLACE",
      generic.copy("a", "b", { destinationDB: 2, replace: true }),
      ["COPY", "a", "b", "DB", 2, "REPLACE"],
    ],
    ["move", generic.move("k", 1), ["MOVE", "k", 1]],
    ["dump", generic.dump("k"), ["DUMP", "k"]],
    [
      "restore all",
      generic.restore("k", 0, Buffer.from("x"), { replace: true, absttl: true, idletime: 5 }),
      ["RESTORE", "k", 0, Buffer.from("x"), "REPLACE", "ABSTTL", "IDLETIME", 5],
    ],
    [
      "restore FREQ",
      generic.restore("k", 0, Buffer.from("x"), { frequency: 3 }),
      ["RESTORE", "k", 0, Buffer.from("x"), "FREQ", 3],
    ],
    ["sort", generic.sort("k"), ["SORT", "k"]],
    [
      "sort all options",
      generic.sort("k", {
        byPattern: "w_*",
        limit: { offset: 0, count: 10 },
        getPatterns: ["#", "o_*"],
        orderBy: SortOrder.DESC,
        isAlpha: true,
      }),
      ["SORT", "k", "BY", "w_*", "LIMIT", 0, 10, "GET", "#", "GET", "o_*", "DESC", "ALPHA"],
    ],
    [
      "sortReadOnly",
      generic.sortReadOnly("k", { orderBy: SortOrder.ASC }),
      ["SORT_RO", "k", "ASC"],
    ],
    [
      "sortStore",
      generic.sortStore("k", "dst", { isAlpha: true }),
      ["SORT", "k", "ALPHA", "STORE", "dst"],
    ],
    ["wait", generic.wait(1, 100), ["WAIT", 1, 100]],
    ["watch", generic.watch(["a", "b"]), ["WATCH", "a", "b"]],
    ["unwatch", generic.unwatch(), ["UNWATCH"]],
    ["objectEncoding", generic.objectEncoding("k"), ["OBJECT", "ENCODING", "k"]],
    ["objectFreq", generic.objectFreq("k"), ["OBJECT", "FREQ", "k"]],
    ["objectIdletime", generic.objectIdletime("k"), ["OBJECT", "IDLETIME", "k"]],
    ["objectRefcount", generic.objectRefcount("k"), ["OBJECT", "REFCOUNT", "k"]],
    ["migrate", generic.migrate("h", 7000, "k", 0, 100), ["MIGRATE", "h", 7000, "k", 0, 100]],
    [
      "migrate options",
      generic.migrate("h", 7000, "k", 0, 100, {
        copy: true,
        replace: true,
        username: "u",
        password: "p",
      }),
      ["MIGRATE", "h", 7000, "k", 0, 100, "COPY", "REPLACE", "AUTH2", "u", "p"],
    ],
    [
      "migrate many keys",
      generic.migrateStandalone("h", 7000, ["a", "b"], 0, 100, { password: "p" }),
      ["MIGRATE", "h", 7000, "", 0, 100, "AUTH", "p", "KEYS", "a", "b"],
    ],
    ["randomKey", generic.randomKey(), ["RANDOMKEY"]],
    ["scan", generic.scan("0"), ["SCAN", "0"]],
    [
      "scan options",
      generic.scan("17", { match: "a*", count: 100, type: ObjectType.ZSET }),
      ["SCAN", "17", "MATCH", "a*", "COUNT", 100, "TYPE", "zset"],
    ],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("dump always asks for Buffers", () => {
    expect(generic.dump("k").decoder).toBe(Decoder.Bytes);
  });

  it("wait carries its block time; cluster variants carry the route", () => {
    expect(generic.wait(1, 250).blockMs).toBe(250);
    expect(generic.randomKeyCluster({ route: "allPrimaries" }).route).toBe("allPrimaries");
    expect(generic.unwatchCluster({ route: "randomNode" }).route).toBe("randomNode");
  });

  it("rejects impossible option combinations", () => {
    expect(() => generic.restore("k", 0, Buffer.alloc(0), { idletime: 1, frequency: 1 })).toThrow(
      /IDLETIME and FREQ/,
    );
    expect(() => generic.migrate("h", 1, "k", 0, 1, { username: "u" })).toThrow(/password/);
  });

  it("sortStore's destination is a key for routing", () => {
    const cmd = generic.sortStore("{t}src", "{t}dst");
    expect(keyIndexes(cmd.spec.keys, cmd.args)).toEqual([1, 3]);
  });
});

describe("generic command replies (RESP2 = RESP3)", () => {
  it("counts", () => {
    for (const cmd of [generic.del(["a"]), generic.exists(["a"]), generic.ttl("k")]) {
      expect(parseBoth(cmd, 2, 2)).toEqual({ resp2: 2, resp3: 2 });
    }
  });

  it("booleans from 0/1", () => {
    for (const cmd of [generic.expire("k", 1), generic.persist("k"), generic.copy("a", "b")]) {
      expect(parseBoth(cmd, 1, 1)).toEqual({ resp2: true, resp3: true });
      expect(parseBoth(cmd, 0, 0)).toEqual({ resp2: false, resp3: false });
    }
  });

  it("type is a string whatever the decoder", () => {
    expect(parseBoth(generic.type("k"), "string", Buffer.from("string"))).toEqual({
      resp2: "string",
      resp3: "string",
    });
  });

  it("rename and restore give OK", () => {
    expect(parseBoth(generic.rename("a", "b"), "OK", "OK").resp3).toBe("OK");
    expect(parseBoth(generic.restore("k", 0, Buffer.alloc(0)), "OK", "OK").resp3).toBe("OK");
  });

  it("dump gives a Buffer or null", () => {
    const payload = Buffer.from([0, 1, 2]);
    expect(parseBoth(generic.dump("k"), payload, payload).resp3).toBe(payload);
    expect(parseBoth(generic.dump("k"), null, null)).toEqual({ resp2: null, resp3: null });
    expect(() => parseBoth(generic.dump("k"), "text", "text")).toThrow(/bulk string/);
  });

  it("sort keeps nils from missing GET patterns", () => {
    const result = parseBoth(generic.sort("k"), ["a", null], ["a", null]);
    expect(result).toEqual({ resp2: ["a", null], resp3: ["a", null] });
  });

  it("object replies may be nil", () => {
    expect(parseBoth(generic.objectEncoding("k"), "listpack", "listpack").resp3).toBe("listpack");
    expect(parseBoth(generic.objectEncoding("k"), null, null).resp3).toBeNull();
    expect(parseBoth(generic.objectFreq("k"), null, null).resp3).toBeNull();
    expect(parseBoth(generic.objectRefcount("k"), 1, 1).resp3).toBe(1);
  });

  it("scan gives [cursor, keys]", () => {
    const result = parseBoth(generic.scan("0"), ["17", ["a", "b"]], ["17", ["a", "b"]]);
    expect(result).toEqual({ resp2: ["17", ["a", "b"]], resp3: ["17", ["a", "b"]] });
    expect(() => parseBoth(generic.scan("0"), ["17"], ["17"])).toThrow(/cursor/);
  });

  it("randomKey and migrate", () => {
    expect(parseBoth(generic.randomKey(), null, null).resp3).toBeNull();
    expect(parseBoth(generic.migrate("h", 1, "k", 0, 1), "NOKEY", "NOKEY").resp3).toBe("NOKEY");
  });
});
