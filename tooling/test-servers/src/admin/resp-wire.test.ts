import { describe, expect, it } from "vitest";
import { ServerReplyError } from "../util/errors.js";
import { encodeCommand, ReplyReader } from "./resp-wire.js";

describe("encodeCommand", () => {
  it("writes a RESP array of bulk strings, counting UTF-8 bytes", () => {
    expect(encodeCommand(["SET", "k", "é"]).toString("utf8")).toBe(
      "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n",
    );
  });
});

describe("ReplyReader", () => {
  const wire =
    "+OK\r\n-ERR bad\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n*-1\r\n";

  function expectReplies(replies: unknown[]): void {
    expect(replies).toHaveLength(7);
    expect(replies[0]).toBe("OK");
    expect(replies[1]).toBeInstanceOf(ServerReplyError);
    expect((replies[1] as Error).message).toBe("ERR bad");
    expect(replies.slice(2)).toEqual([42, "hello", null, ["a", [1]], null]);
  }

  it("reads replies fed whole", () => {
    expectReplies(new ReplyReader().push(Buffer.from(wire)));
  });

  it("reads replies fed byte by byte", () => {
    const reader = new ReplyReader();
    const replies = [...Buffer.from(wire)].flatMap((byte) => reader.push(Buffer.from([byte])));
    expectReplies(replies);
  });

  it("rejects an unknown type byte", () => {
    expect(() => new ReplyReader().push(Buffer.from("?x\r\n"))).toThrow(/unexpected RESP type/);
  });
});
