import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readListpack, writeListpack } from "./listpack.js";

/** Strings around the sizes where an entry's encoding or back-length grows a byte. */
const boundary = fc
  .constantFrom(0, 63, 64, 125, 126, 127, 4095, 4096, 16377, 16378, 16379, 16380)
  .map((length) => Buffer.alloc(length, 0x78));
const integer = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(0n, 127n, 128n, -4096n, 4095n, 4096n, -32769n, 8388608n, 2n ** 31n, -(2n ** 63n)),
);

describe("listpacks", () => {
  it("reads back what it writes: integers of every width, strings of every length class", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(integer, boundary, fc.uint8Array({ maxLength: 20 }).map(Buffer.from)), {
          maxLength: 12,
        }),
        (items) => {
          const read = readListpack(writeListpack(items));
          expect(read?.map((item) => item.toString("latin1"))).toEqual(
            items.map((item) =>
              typeof item === "bigint" ? String(item) : item.toString("latin1"),
            ),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("stores canonical integer text as an integer, other text as it is", () => {
    expect(writeListpack([Buffer.from("12")])).toEqual(
      Buffer.from([9, 0, 0, 0, 1, 0, 12, 1, 0xff]),
    );
    expect(writeListpack([Buffer.from("012")]).length).toBe(6 + 4 + 1 + 1);
  });
});
