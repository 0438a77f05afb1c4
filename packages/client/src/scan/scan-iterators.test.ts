import { describe, expect, it } from "vitest";
import { scanBatches } from "./scan-iterators.js";

describe("scanBatches", () => {
  it("follows the cursor until the server returns 0, string or Buffer", async () => {
    const cursors: string[] = [];
    const replies: [string | Buffer, string[]][] = [
      ["17", ["a"]],
      [Buffer.from("5"), []],
      ["0", ["b", "c"]],
    ];
    const batches: string[][] = [];
    for await (const batch of scanBatches(async (cursor) => {
      cursors.push(cursor.toString());
      return replies.shift() as [string, string[]];
    })) {
      batches.push(batch as string[]);
    }
    expect(cursors).toEqual(["0", "17", "5"]);
    expect(batches).toEqual([["a"], [], ["b", "c"]]);
  });

  it("passes a failing step's error to the loop", async () => {
    const iterate = async () => {
      for await (const _ of scanBatches(() => Promise.reject(new Error("boom")))) {
        // never reached
      }
    };
    await expect(iterate()).rejects.toThrow("boom");
  });
});
