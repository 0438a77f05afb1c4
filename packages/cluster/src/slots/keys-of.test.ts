import { describe, expect, it } from "vitest";
import { command, spec, specs } from "../test-support/commands.js";
import { keyIndexesOf, keysOf } from "./keys-of.js";
import { slotOf } from "./slot-of.js";
import { isCrossSlot, slotOfCommand } from "./slot-of-command.js";

describe("keysOf", () => {
  it("reads a single-key range", () => {
    expect(keysOf(command(specs.get, ["GET", "k"]))).toEqual(["k"]);
  });

  it("reads a range up to a negative last index", () => {
    expect(keysOf(command(specs.mget, ["MGET", "a", "b", "c"]))).toEqual(["a", "b", "c"]);
    const upToSecondLast = spec("BLPOP", { keys: { kind: "range", first: 1, last: -2, step: 1 } });
    expect(keysOf(command(upToSecondLast, ["BLPOP", "a", "b", "0"]))).toEqual(["a", "b"]);
  });

  it("steps over values in a range (MSET)", () => {
    expect(keyIndexesOf(command(specs.mset, ["MSET", "a", "1", "b", "2"]))).toEqual([1, 3]);
    expect(keysOf(command(specs.mset, ["MSET", "a", "1", "b", "2"]))).toEqual(["a", "b"]);
  });

  it("clips a fixed last index to the arguments", () => {
    const pair = spec("SMOVE", { keys: { kind: "range", first: 1, last: 2, step: 1 } });
    expect(keysOf(command(pair, ["SMOVE", "src"]))).toEqual(["src"]);
  });

  it("reads keynum specs (EVAL)", () => {
    expect(keysOf(command(specs.eval, ["EVAL", "return 1", "2", "k1", "k2", "arg"]))).toEqual([
      "k1",
      "k2",
    ]);
    expect(keysOf(command(specs.eval, ["EVAL", "return 1", 0, "arg"]))).toEqual([]);
    expect(keysOf(command(specs.eval, ["EVAL", "return 1", Buffer.from("1"), "k1"]))).toEqual([
      "k1",
    ]);
  });

  it("yields no keys for a malformed numkeys and clips an excessive one", () => {
    expect(keysOf(command(specs.eval, ["EVAL", "s", "-1", "k"]))).toEqual([]);
    expect(keysOf(command(specs.eval, ["EVAL", "s", "two", "k"]))).toEqual([]);
    expect(keysOf(command(specs.eval, ["EVAL", "s", "5", "k1", "k2"]))).toEqual(["k1", "k2"]);
  });

  it("uses custom finders and ignores indexes outside the arguments", () => {
    expect(keysOf(command(specs.lastKeySort, ["SORT", "list"]))).toEqual(["list"]);
    const wild = spec("X", { keys: { kind: "custom", find: () => [1, 7, -1, 1.5] } });
    expect(keysOf(command(wild, ["X", "a"]))).toEqual(["a"]);
  });

  it("returns nothing for keyless commands", () => {
    expect(keysOf(command(specs.ping, ["PING"]))).toEqual([]);
  });
});

describe("slotOfCommand", () => {
  it("is undefined for keyless commands", () => {
    expect(slotOfCommand(command(specs.ping, ["PING"]))).toBeUndefined();
    expect(slotOfCommand(command(specs.eval, ["EVAL", "s", "0"]))).toBeUndefined();
  });

  it("is the key's slot for a single key", () => {
    expect(slotOfCommand(command(specs.get, ["GET", "foo"]))).toBe(12182);
    expect(slotOfCommand(command(specs.get, ["GET", Buffer.from("foo")]))).toBe(12182);
  });

  it("is undefined when the key argument is missing", () => {
    expect(slotOfCommand(command(specs.get, ["GET"]))).toBeUndefined();
  });

  it("is one slot when every key shares a hash tag", () => {
    const cmd = command(specs.mget, [
      "MGET",
      "{user1000}.following",
      "{user1000}.followers",
      "user1000",
    ]);
    expect(slotOfCommand(cmd)).toBe(3443);
  });

  it("marks CROSSSLOT with every distinct slot in order", () => {
    const slot = slotOfCommand(command(specs.mget, ["MGET", "foo", "bar", "{foo}x", "bar"]));
    expect(isCrossSlot(slot)).toBe(true);
    expect(slot).toEqual({ crossSlot: true, slots: [12182, 5061] });
  });

  it("hashes only keys, not MSET values", () => {
    expect(slotOfCommand(command(specs.mset, ["MSET", "{t}a", "foo", "{t}b", "bar"]))).toBe(
      slotOf("t"),
    );
  });
});
