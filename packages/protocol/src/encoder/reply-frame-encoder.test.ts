import { describe, expect, test } from "vitest";
import { RequestError } from "../errors.js";
import type { ReplyFrame } from "../reply-frame.js";
import { encodeReplyFrame, formatDouble } from "./reply-frame-encoder.js";

const cases: { frame: ReplyFrame; resp3: string; resp2: string }[] = [
  { frame: { type: "simple", value: "OK" }, resp3: "+OK\r\n", resp2: "+OK\r\n" },
  { frame: { type: "error", value: "ERR x" }, resp3: "-ERR x\r\n", resp2: "-ERR x\r\n" },
  { frame: { type: "integer", value: 12n }, resp3: ":12\r\n", resp2: ":12\r\n" },
  { frame: { type: "bulk", value: "é" }, resp3: "$2\r\né\r\n", resp2: "$2\r\né\r\n" },
  { frame: { type: "bulk", value: null }, resp3: "_\r\n", resp2: "$-1\r\n" },
  { frame: { type: "array", value: null }, resp3: "_\r\n", resp2: "*-1\r\n" },
  { frame: { type: "null" }, resp3: "_\r\n", resp2: "$-1\r\n" },
  {
    frame: {
      type: "map",
      value: [
        [
          { type: "simple", value: "a" },
          { type: "integer", value: 1 },
        ],
      ],
    },
    resp3: "%1\r\n+a\r\n:1\r\n",
    resp2: "*2\r\n+a\r\n:1\r\n",
  },
  {
    frame: { type: "set", value: [{ type: "integer", value: 1 }] },
    resp3: "~1\r\n:1\r\n",
    resp2: "*1\r\n:1\r\n",
  },
  {
    frame: { type: "push", value: [{ type: "bulk", value: "message" }] },
    resp3: ">1\r\n$7\r\nmessage\r\n",
    resp2: "*1\r\n$7\r\nmessage\r\n",
  },
  { frame: { type: "double", value: 1.5 }, resp3: ",1.5\r\n", resp2: "$3\r\n1.5\r\n" },
  { frame: { type: "double", value: -0 }, resp3: ",-0\r\n", resp2: "$2\r\n-0\r\n" },
  { frame: { type: "double", value: Number.NaN }, resp3: ",nan\r\n", resp2: "$3\r\nnan\r\n" },
  { frame: { type: "boolean", value: true }, resp3: "#t\r\n", resp2: ":1\r\n" },
  { frame: { type: "boolean", value: false }, resp3: "#f\r\n", resp2: ":0\r\n" },
  { frame: { type: "bignum", value: -5n }, resp3: "(-5\r\n", resp2: "$2\r\n-5\r\n" },
  {
    frame: { type: "verbatim", format: "txt", value: "hi" },
    resp3: "=6\r\ntxt:hi\r\n",
    resp2: "$2\r\nhi\r\n",
  },
  { frame: { type: "bulkError", value: "ERR e" }, resp3: "!5\r\nERR e\r\n", resp2: "-ERR e\r\n" },
  {
    frame: {
      type: "attribute",
      attributes: [
        [
          { type: "simple", value: "ttl" },
          { type: "integer", value: 3 },
        ],
      ],
      value: { type: "simple", value: "v" },
    },
    resp3: "|1\r\n+ttl\r\n:3\r\n+v\r\n",
    resp2: "+v\r\n",
  },
  {
    frame: { type: "streamedString", chunks: ["ab", "", Buffer.from("c")] },
    resp3: "$?\r\n;2\r\nab\r\n;1\r\nc\r\n;0\r\n",
    resp2: "$3\r\nabc\r\n",
  },
  {
    frame: { type: "streamedAggregate", kind: "set", value: [{ type: "integer", value: 1 }] },
    resp3: "~?\r\n:1\r\n.\r\n",
    resp2: "*1\r\n:1\r\n",
  },
  { frame: { type: "raw", bytes: Buffer.from("&x\r\n") }, resp3: "&x\r\n", resp2: "&x\r\n" },
];

describe("encodeReplyFrame", () => {
  for (const { frame, resp3, resp2 } of cases) {
    test(`${frame.type} ${JSON.stringify(resp3)}`, () => {
      expect(encodeReplyFrame(frame, 3).toString()).toBe(resp3);
      expect(encodeReplyFrame(frame, 2).toString()).toBe(resp2);
    });
  }

  test("rejects frames that cannot be written", () => {
    expect(() => encodeReplyFrame({ type: "simple", value: "a\r\nb" }, 3)).toThrow(RequestError);
    expect(() => encodeReplyFrame({ type: "bulkError", value: "a\nb" }, 2)).toThrow(RequestError);
    expect(() => encodeReplyFrame({ type: "integer", value: 1.5 }, 3)).toThrow(RequestError);
    expect(() => encodeReplyFrame({ type: "verbatim", format: "text", value: "x" }, 3)).toThrow(
      /3 bytes/,
    );
    expect(() =>
      encodeReplyFrame({ type: "streamedAggregate", kind: "map", value: [{ type: "null" }] }, 3),
    ).toThrow(/even number/);
  });

  test("formatDouble matches Valkey's spelling", () => {
    expect(
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, -0, 0, 1e300].map(
        formatDouble,
      ),
    ).toEqual(["inf", "-inf", "nan", "-0", "0", "1e+300"]);
  });
});
