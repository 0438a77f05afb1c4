import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedSet } from "../data/sorted-set.js";
import type { Entry } from "../data/types.js";
import { readListpack } from "./listpack.js";
import { readValue, writeValue } from "./value.js";

const bytes = fc.uint8Array({ maxLength: 40 }).map((array) => Buffer.from(array));
const latin1 = bytes.map((buffer) => buffer.toString("latin1"));

const entries: fc.Arbitrary<Entry> = fc.oneof(
  bytes.map((value): Entry => ({ type: "string", value })),
  fc.array(bytes, { maxLength: 20 }).map((value): Entry => ({ type: "list", value })),
  fc
    .uniqueArray(latin1, { maxLength: 20 })
    .map((value): Entry => ({ type: "set", value: new Set(value) })),
  fc
    .array(fc.tuple(latin1, bytes), { maxLength: 20 })
    .map((pairs): Entry => ({ type: "hash", value: new Map(pairs) })),
  fc.array(fc.tuple(latin1, fc.double({ noNaN: true })), { maxLength: 20 }).map(
    (pairs): Entry => ({
      type: "zset",
      value: SortedSet.from(pairs.map(([member, score]) => ({ member, score }))),
    }),
  ),
);

/** A value in comparable form. */
function shape(entry: Entry | undefined): unknown {
  if (entry === undefined) return undefined;
  if (entry.type === "set") return [...entry.value].sort();
  if (entry.type === "hash") return [...entry.value];
  if (entry.type === "zset")
    return entry.value.entries().map(({ member, score }) => [member, score]);
  return entry.value;
}

describe("RDB values", () => {
  it("reads back every value it writes", () => {
    fc.assert(
      fc.property(entries, (entry) => {
        expect(shape(readValue(writeValue(entry)) as Entry)).toEqual(shape(entry));
      }),
    );
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        const buffer = Buffer.from(input);
        readValue(buffer);
        readListpack(buffer);
      }),
    );
  });

  it("reads a listpack's integer and string encodings", () => {
    // 7-bit 5, 13-bit -1, 6-bit string "ab", int16 1000, then the end byte.
    const entries = [
      [0x05, 0x01],
      [0xdf, 0xff, 0x02],
      [0x82, 0x61, 0x62, 0x03],
      [0xf1, 0xe8, 0x03, 0x03],
    ].flat();
    const listpack = Buffer.from([0, 0, 0, 0, 4, 0, ...entries, 0xff]);
    listpack.writeUInt32LE(listpack.length, 0);
    expect(readListpack(listpack)?.map(String)).toEqual(["5", "-1", "ab", "1000"]);
  });
});
