import { describe, expect, test } from "vitest";
import { RequestError } from "../errors.js";
import {
  type CollectOptions,
  collector,
  type DecodedEvent,
  decodeBytewise,
  decodeSplit,
  decodeWhole,
} from "../test-support/collect.js";
import type { RespValue } from "../types.js";
import { RespDecoder } from "./resp-decoder.js";

interface Fixture {
  name: string;
  wire: string | Buffer;
  events: DecodedEvent[];
  options?: CollectOptions;
}

const reply = (value: RespValue): DecodedEvent => ({ kind: "reply", value });

const fixtures: Fixture[] = [
  { name: "simple string", wire: "+OK\r\n", events: [reply("OK")] },
  { name: "empty simple string", wire: "+\r\n", events: [reply("")] },
  { name: "simple string with UTF-8", wire: "+héllo ✓\r\n", events: [reply("héllo ✓")] },
  {
    name: "simple error",
    wire: "-ERR unknown command\r\n",
    events: [reply(new RequestError("ERR unknown command"))],
  },
  { name: "integer", wire: ":1000\r\n", events: [reply(1000)] },
  { name: "negative integer", wire: ":-42\r\n", events: [reply(-42)] },
  { name: "zero", wire: ":0\r\n", events: [reply(0)] },
  { name: "bulk string", wire: "$5\r\nhello\r\n", events: [reply("hello")] },
  { name: "empty bulk string", wire: "$0\r\n\r\n", events: [reply("")] },
  { name: "bulk with CRLF inside", wire: "$4\r\na\r\nb\r\n", events: [reply("a\r\nb")] },
  {
    name: "binary bulk as Buffer",
    wire: Buffer.concat([Buffer.from("$3\r\n"), Buffer.from([0, 255, 13]), Buffer.from("\r\n")]),
    events: [reply(Buffer.from([0, 255, 13]))],
    options: { replyAsBuffers: true },
  },
  { name: "RESP2 null bulk", wire: "$-1\r\n", events: [reply(null)] },
  { name: "RESP2 null array", wire: "*-1\r\n", events: [reply(null)] },
  { name: "RESP3 null", wire: "_\r\n", events: [reply(null)] },
  {
    name: "array",
    wire: "*3\r\n:1\r\n$3\r\nfoo\r\n_\r\n",
    events: [reply([1, "foo", null])],
  },
  { name: "empty array", wire: "*0\r\n", events: [reply([])] },
  {
    name: "nested array",
    wire: "*2\r\n*2\r\n:1\r\n:2\r\n*1\r\n+x\r\n",
    events: [reply([[1, 2], ["x"]])],
  },
  {
    name: "map",
    wire: "%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n#f\r\n",
    events: [
      reply([
        { key: "first", value: 1 },
        { key: "second", value: false },
      ]),
    ],
  },
  {
    name: "map with aggregate keys",
    wire: "%1\r\n*1\r\n:1\r\n~1\r\n:2\r\n",
    events: [reply([{ key: [1], value: new Set([2]) }])],
  },
  { name: "empty map", wire: "%0\r\n", events: [reply([])] },
  {
    name: "set",
    wire: "~3\r\n+a\r\n:1\r\n+a\r\n",
    events: [reply(new Set<RespValue>(["a", 1]))],
  },
  { name: "empty set", wire: "~0\r\n", events: [reply(new Set())] },
  { name: "double", wire: ",3.14\r\n", events: [reply(3.14)] },
  { name: "double with exponent", wire: ",1e+300\r\n", events: [reply(1e300)] },
  { name: "double integer form", wire: ",10\r\n", events: [reply(10)] },
  { name: "double inf", wire: ",inf\r\n", events: [reply(Number.POSITIVE_INFINITY)] },
  { name: "double -inf", wire: ",-inf\r\n", events: [reply(Number.NEGATIVE_INFINITY)] },
  { name: "double nan", wire: ",nan\r\n", events: [reply(Number.NaN)] },
  { name: "double -nan", wire: ",-nan\r\n", events: [reply(Number.NaN)] },
  { name: "double NAN", wire: ",NAN\r\n", events: [reply(Number.NaN)] },
  { name: "double -0", wire: ",-0\r\n", events: [reply(-0)] },
  { name: "boolean true", wire: "#t\r\n", events: [reply(true)] },
  { name: "boolean false", wire: "#f\r\n", events: [reply(false)] },
  {
    name: "big number",
    wire: "(3492890328409238509324850943850943825024385\r\n",
    events: [reply(3492890328409238509324850943850943825024385n)],
  },
  { name: "negative big number", wire: "(-12\r\n", events: [reply(-12n)] },
  {
    name: "verbatim string",
    wire: "=15\r\ntxt:Some string\r\n",
    events: [reply("Some string")],
  },
  {
    // GLIDE's Decoder.Bytes: statuses and map keys follow it; "OK" stays text.
    name: "statuses and map keys as Buffers, OK as text",
    wire: "*3\r\n+PONG\r\n+OK\r\n%1\r\n+key\r\n$1\r\nv\r\n",
    events: [
      reply([Buffer.from("PONG"), "OK", [{ key: Buffer.from("key"), value: Buffer.from("v") }]]),
    ],
    options: { replyAsBuffers: true },
  },
  {
    name: "verbatim string as Buffer",
    wire: "=7\r\nmkd:abc\r\n",
    events: [reply(Buffer.from("abc"))],
    options: { replyAsBuffers: true },
  },
  {
    name: "bulk error",
    wire: "!21\r\nSYNTAX invalid syntax\r\n",
    events: [reply(new RequestError("SYNTAX invalid syntax"))],
  },
  {
    name: "error inside an array stays a value",
    wire: "*2\r\n-ERR a\r\n:1\r\n",
    events: [reply([new RequestError("ERR a"), 1])],
  },
  {
    name: "push between replies",
    wire: "+OK\r\n>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n:2\r\n",
    events: [reply("OK"), { kind: "push", value: ["message", "ch", "hi"] }, reply(2)],
  },
  { name: "empty push", wire: ">0\r\n", events: [{ kind: "push", value: [] }] },
  {
    name: "push as Buffers while replies are strings",
    wire: ">2\r\n+invalidate\r\n*1\r\n$1\r\nk\r\n$1\r\nv\r\n",
    events: [{ kind: "push", value: ["invalidate", [Buffer.from("k")]] }, reply("v")],
    options: { pushAsBuffers: true },
  },
  {
    name: "attribute before a reply",
    wire: "|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2\r\n:9\r\n",
    events: [
      {
        kind: "attribute",
        value: [{ key: "key-popularity", value: [{ key: "a", value: 0.19 }] }],
      },
      reply([2, 9]),
    ],
  },
  {
    name: "attribute before an element",
    wire: "*2\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n:2\r\n",
    events: [{ kind: "attribute", value: [{ key: "ttl", value: 3600 }] }, reply([1, 2])],
  },
  {
    name: "empty attribute",
    wire: "|0\r\n+OK\r\n",
    events: [{ kind: "attribute", value: [] }, reply("OK")],
  },
  {
    name: "streamed string",
    wire: "$?\r\n;4\r\nHell\r\n;5\r\no wor\r\n;1\r\nd\r\n;0\r\n",
    events: [reply("Hello word")],
  },
  { name: "empty streamed string", wire: "$?\r\n;0\r\n", events: [reply("")] },
  {
    name: "streamed array",
    wire: "*?\r\n:1\r\n+two\r\n*?\r\n.\r\n.\r\n",
    events: [reply([1, "two", []])],
  },
  { name: "streamed set", wire: "~?\r\n:1\r\n:1\r\n.\r\n", events: [reply(new Set([1]))] },
  {
    name: "streamed map",
    wire: "%?\r\n+a\r\n:1\r\n+b\r\n:2\r\n.\r\n",
    events: [
      reply([
        { key: "a", value: 1 },
        { key: "b", value: 2 },
      ]),
    ],
  },
  {
    name: "many replies in a row",
    wire: "+a\r\n:1\r\n$1\r\nb\r\n*0\r\n_\r\n",
    events: [reply("a"), reply(1), reply("b"), reply([]), reply(null)],
  },
];

function allSplitPoints(bytes: Buffer, options: CollectOptions | undefined): DecodedEvent[][] {
  const results: DecodedEvent[][] = [];
  for (let cut = 1; cut < bytes.length; cut++) results.push(decodeSplit(bytes, [cut], options));
  return results;
}

describe("RespDecoder fixtures", () => {
  for (const fixture of fixtures) {
    const bytes = typeof fixture.wire === "string" ? Buffer.from(fixture.wire) : fixture.wire;
    test(`${fixture.name}: whole, byte by byte, and split at every offset`, () => {
      expect(decodeWhole(bytes, fixture.options)).toEqual(fixture.events);
      expect(decodeBytewise(bytes, fixture.options)).toEqual(fixture.events);
      for (const events of allSplitPoints(bytes, fixture.options)) {
        expect(events).toEqual(fixture.events);
      }
    });
  }

  test("errors carry the server text and are RequestError", () => {
    const [event] = decodeWhole(Buffer.from("-MOVED 3999 127.0.0.1:6381\r\n"));
    expect(event?.kind).toBe("reply");
    const value = event?.kind === "reply" ? event.value : undefined;
    expect(value).toBeInstanceOf(RequestError);
    expect((value as RequestError).message).toBe("MOVED 3999 127.0.0.1:6381");
  });

  test("the string mode is asked once per top-level reply, never for pushes", () => {
    let asked = 0;
    const modes = [true, false];
    const replies: RespValue[] = [];
    const pushes: RespValue[] = [];
    const decoder = new RespDecoder({
      onReply: (value) => replies.push(value),
      onPush: (value) => pushes.push(value),
      onError: (error) => {
        throw error;
      },
      replyAsBuffers: () => modes[asked++] === true,
    });
    const wire = Buffer.from("*2\r\n$1\r\na\r\n$1\r\nb\r\n>1\r\n$1\r\np\r\n$1\r\nc\r\n");
    for (let i = 0; i < wire.length; i++) decoder.feed(wire.subarray(i, i + 1));
    expect(asked).toBe(2);
    expect(replies).toEqual([[Buffer.from("a"), Buffer.from("b")], "c"]);
    expect(pushes).toEqual([["p"]]);
  });

  test("values inside one chunk are views of it, not copies", () => {
    const chunk = Buffer.from("*2\r\n$3\r\nabc\r\n$2\r\nde\r\n");
    const { decoder, events } = collector({ replyAsBuffers: true });
    decoder.feed(chunk);
    const items = (events[0] as { value: Buffer[] }).value;
    expect(items[0]?.buffer).toBe(chunk.buffer);
    expect(items[0]?.byteOffset).toBe(chunk.byteOffset + 8);
    expect(items[1]?.byteOffset).toBe(chunk.byteOffset + 17);
    chunk[8] = 0x41;
    expect(items[0]?.toString()).toBe("Abc");
  });

  test("short strings decode right across text windows, ASCII or not", () => {
    const values: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const pick = i % 7;
      values.push(
        pick === 0
          ? `é${i}`
          : pick === 3
            ? "✓✓✓✓"
            : pick === 5
              ? `long value number ${i}`
              : `v${i}`,
      );
    }
    const wire = Buffer.from(
      values.map((value) => `$${Buffer.byteLength(value)}\r\n${value}\r\n`).join(""),
    );
    const expected = values.map((value) => reply(value));
    expect(decodeWhole(wire)).toEqual(expected);
    expect(decodeSplit(wire, [4095, 4097, 9000, 20000])).toEqual(expected);
  });

  test("strings split inside a UTF-8 sequence, valid or not, decode as the whole would", () => {
    const samples = [
      Buffer.from("✓ é 😀 ok"),
      Buffer.from([0xe2, 0x9c, 0x93, 0xff, 0xc3, 0x28, 0xf0, 0x9f, 0x98]),
      Buffer.from([0xed, 0xa0, 0x80, 0x61, 0xc0, 0xaf, 0xe2, 0x82]),
    ];
    for (const sample of samples) {
      const wire = Buffer.concat([
        Buffer.from(`$${sample.length}\r\n`),
        sample,
        Buffer.from("\r\n"),
      ]);
      const expected = [reply(sample.toString("utf8"))];
      for (let a = 1; a < wire.length; a++) {
        for (let b = a + 1; b < wire.length; b++)
          expect(decodeSplit(wire, [a, b])).toEqual(expected);
      }
    }
  });
});
