import { describe, expect, it } from "vitest";
import { type MinimalReply, MinimalReplyReader } from "./minimal-reply-reader.js";

describe("MinimalReplyReader", () => {
  it("parses every reply kind, split at every byte boundary", () => {
    const wire = Buffer.from(
      "+OK\r\n$5\r\nhello\r\n$-1\r\n:42\r\n-ERR bad\r\n$0\r\n\r\n+PONG\r\n:-7\r\n",
    );
    for (let split = 1; split < wire.length; split++) {
      const replies: MinimalReply[] = [];
      const reader = new MinimalReplyReader((reply) => replies.push(reply));
      reader.feed(wire.subarray(0, split));
      reader.feed(wire.subarray(split));
      // A bulk reply is its length: the floor skips the payload without decoding it.
      expect(replies).toEqual(["OK", 5, null, 42, new Error("ERR bad"), 0, "PONG", -7]);
    }
  });

  it("rejects a type byte it does not handle", () => {
    const reader = new MinimalReplyReader(() => undefined);
    expect(() => reader.feed(Buffer.from("*1\r\n"))).toThrow(/Unexpected RESP type/);
  });
});
