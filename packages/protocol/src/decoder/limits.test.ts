import { constants as bufferConstants } from "node:buffer";
import { describe, expect, test } from "vitest";
import { ConfigurationError, ProtocolError, RequestError } from "../errors.js";
import { collector, decodeWhole } from "../test-support/collect.js";
import type { RespValue } from "../types.js";
import { DEFAULT_MAX_DEPTH } from "./decoder-options.js";
import { RespDecoder } from "./resp-decoder.js";

function only(events: ReturnType<typeof decodeWhole>): RespValue {
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.kind !== "reply") throw new Error(`expected a reply, got ${event?.kind}`);
  return event.value;
}

describe("nesting limit", () => {
  test("50,000-deep nesting fails cleanly with the default limit", () => {
    const events = decodeWhole(Buffer.from(`${"*1\r\n".repeat(50_000)}:1\r\n`));
    expect(events).toHaveLength(1);
    const event = events[0] as { kind: string; error: ProtocolError };
    expect(event.kind).toBe("error");
    expect(event.error).toBeInstanceOf(ProtocolError);
    expect(event.error.message).toMatch(`nesting deeper than the limit of ${DEFAULT_MAX_DEPTH}`);
  });

  test("50,000-deep maps, sets and arrays decode without recursion when allowed", () => {
    const depth = 50_000;
    const opener = ["*1\r\n", "~1\r\n", "%1\r\n+k\r\n"];
    let wire = "";
    for (let i = 0; i < depth; i++) wire += opener[i % 3];
    const { decoder, events } = collector({ maxDepth: depth });
    decoder.feed(Buffer.from(`${wire}:7\r\n`));
    expect(events).toHaveLength(1);
    let node = (events[0] as { value: RespValue }).value;
    for (let i = 0; i < depth; i++) {
      if (node instanceof Set) node = [...node][0] as RespValue;
      else if (i % 3 === 2)
        node = ((node as { value: RespValue }[])[0] as { value: RespValue }).value;
      else node = (node as RespValue[])[0] as RespValue;
    }
    expect(node).toBe(7);
  });

  test("exactly maxDepth levels are accepted, one more is not", () => {
    expect(only(decodeWhole(Buffer.from("*1\r\n*1\r\n:1\r\n"), { maxDepth: 2 }))).toEqual([[1]]);
    const events = decodeWhole(Buffer.from("*1\r\n*1\r\n*1\r\n:1\r\n"), { maxDepth: 2 });
    expect(events[0]?.kind).toBe("error");
  });
});

describe("declared sizes", () => {
  test("*2147483647 then EOF: no allocation, no error, little buffered", () => {
    const { decoder, events } = collector();
    decoder.feed(Buffer.from("*2147483647"));
    expect(events).toEqual([]);
    expect(decoder.bufferedBytes).toBe(11);
    decoder.feed(Buffer.from("\r\n"));
    expect(events).toEqual([]);
    expect(decoder.bufferedBytes).toBe(0);
    decoder.feed(Buffer.from(":1\r\n:2\r\n"));
    expect(events).toEqual([]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  test("a bulk at the limit is accepted and buffered only as bytes arrive", () => {
    const { decoder, events } = collector({ maxBulkLength: 1000 });
    decoder.feed(Buffer.from("$1000\r\n"));
    expect(decoder.bufferedBytes).toBe(0);
    decoder.feed(Buffer.alloc(300, 0x61));
    expect(decoder.bufferedBytes).toBe(300);
    decoder.feed(Buffer.alloc(700, 0x62));
    expect(decoder.bufferedBytes).toBe(1000);
    decoder.feed(Buffer.from("\r\n"));
    expect(decoder.bufferedBytes).toBe(0);
    expect(events).toEqual([{ kind: "reply", value: "a".repeat(300) + "b".repeat(700) }]);
  });

  test("the default bulk limit is 512 MiB, checked before any payload", () => {
    const { decoder, events } = collector();
    decoder.feed(Buffer.from(`$${512 * 1024 * 1024}\r\nabc`));
    expect(events).toEqual([]);
    expect(decoder.bufferedBytes).toBe(3);
    const over = collector();
    over.decoder.feed(Buffer.from(`$${512 * 1024 * 1024 + 1}\r\n`));
    expect(over.events[0]?.kind).toBe("error");
  });

  test("maxBulkLength applies to bulk, verbatim, bulk error, simple lines and streamed strings", () => {
    const options = { maxBulkLength: 4 };
    expect(only(decodeWhole(Buffer.from("$4\r\nabcd\r\n"), options))).toBe("abcd");
    for (const wire of [
      "$5\r\nabcde\r\n",
      "=9\r\ntxt:abcde\r\n",
      "!5\r\nERR x\r\n",
      "+abcde\r\n",
      "-ERR x\r\n",
      "$?\r\n;3\r\nabc\r\n;2\r\nde\r\n;0\r\n",
    ]) {
      const events = decodeWhole(Buffer.from(wire), options);
      expect(
        events.map((event) => event.kind),
        wire,
      ).toEqual(["error"]);
    }
  });

  test("a bulk longer than maxStringLength comes back as a Buffer in string mode", () => {
    expect(bufferConstants.MAX_STRING_LENGTH).toBeLessThan(512 * 1024 * 1024);
    const options = { maxStringLength: 4 };
    expect(only(decodeWhole(Buffer.from("$4\r\nabcd\r\n"), options))).toBe("abcd");
    expect(only(decodeWhole(Buffer.from("$5\r\nabcde\r\n"), options))).toEqual(
      Buffer.from("abcde"),
    );
    expect(only(decodeWhole(Buffer.from("=9\r\ntxt:abcde\r\n"), options))).toEqual(
      Buffer.from("abcde"),
    );
    // Always text: a bulk error is cut at the limit, a simple line beyond it is refused.
    expect(only(decodeWhole(Buffer.from("!7\r\nERR abc\r\n"), options))).toEqual(
      new RequestError("ERR "),
    );
    const [event] = decodeWhole(Buffer.from("+abcde\r\n"), options);
    expect(event?.kind).toBe("error");
  });

  test("a 64 KiB value split across many chunks is joined once and intact", () => {
    const value = Buffer.alloc(64 * 1024);
    for (let i = 0; i < value.length; i++) value[i] = (i * 31) & 0xff;
    const wire = Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from("\r\n")]);
    const { decoder, events } = collector({ replyAsBuffers: true });
    for (let start = 0; start < wire.length; start += 1000) {
      decoder.feed(wire.subarray(start, start + 1000));
    }
    expect(events).toHaveLength(1);
    expect((events[0] as { value: Buffer }).value.equals(value)).toBe(true);
  });
});

describe("integers", () => {
  const cases: [string, number | bigint][] = [
    [":9223372036854775807", 9223372036854775807n],
    [":-9223372036854775808", -9223372036854775808n],
    [`:${2 ** 53 - 1}`, 2 ** 53 - 1],
    [`:${-(2 ** 53 - 1)}`, -(2 ** 53 - 1)],
    [":9007199254740992", 9007199254740992n],
    [":9007199254740993", 9007199254740993n],
    [":-9007199254740992", -9007199254740992n],
    [":-9007199254740993", -9007199254740993n],
    [":999999999999999", 999_999_999_999_999],
    [":1000000000000000", 1_000_000_000_000_000],
    [":-0", 0],
    [":007", 7],
  ];
  for (const [wire, expected] of cases) {
    test(`${wire} → ${typeof expected} ${expected}`, () => {
      const value = only(decodeWhole(Buffer.from(`${wire}\r\n`)));
      expect(typeof value).toBe(typeof expected);
      expect(value).toBe(expected);
      expect(Object.is(value, -0)).toBe(false);
    });
  }
});

describe("doubles", () => {
  const cases: [string, number][] = [
    ["1.5e-10", 1.5e-10],
    ["-1.23E+5", -123000],
    ["1.7976931348623157e308", Number.MAX_VALUE],
    ["5e-324", Number.MIN_VALUE],
    ["0", 0],
    ["+inf", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["nan(123)", Number.NaN],
    ["-NaN", Number.NaN],
    [".5", 0.5],
    ["3.", 3],
  ];
  for (const [text, expected] of cases) {
    test(`,${text}`, () => {
      expect(Object.is(only(decodeWhole(Buffer.from(`,${text}\r\n`))), expected)).toBe(true);
    });
  }

  test("-0 keeps its sign", () => {
    expect(Object.is(only(decodeWhole(Buffer.from(",-0\r\n"))), -0)).toBe(true);
  });
});

describe("callbacks and state", () => {
  test("attributes are dropped when there is no onAttribute", () => {
    const replies: RespValue[] = [];
    const decoder = new RespDecoder({
      onReply: (value) => replies.push(value),
      onPush: () => expect.unreachable(),
      onError: (error) => {
        throw error;
      },
    });
    decoder.feed(Buffer.from("|1\r\n+a\r\n+b\r\n*2\r\n|1\r\n+c\r\n+d\r\n:1\r\n:2\r\n"));
    expect(replies).toEqual([[1, 2]]);
  });

  test("a throwing callback surfaces to the feeder and stops the decoder until reset", () => {
    let calls = 0;
    const decoder = new RespDecoder({
      onReply: () => {
        calls++;
        throw new Error("boom");
      },
      onPush: () => {},
      onError: () => {},
    });
    expect(() => decoder.feed(Buffer.from("+a\r\n+b\r\n"))).toThrow("boom");
    decoder.feed(Buffer.from("+c\r\n"));
    expect(calls).toBe(1);
    decoder.reset();
    expect(() => decoder.feed(Buffer.from("+d\r\n"))).toThrow("boom");
    expect(calls).toBe(2);
  });

  test("reset() from a callback discards the rest of the chunk", () => {
    const replies: RespValue[] = [];
    const decoder: RespDecoder = new RespDecoder({
      onReply: (value) => {
        replies.push(value);
        if (value === "reset") decoder.reset();
      },
      onPush: () => {},
      onError: (error) => {
        throw error;
      },
    });
    decoder.feed(Buffer.from("+a\r\n+reset\r\n+dropped\r\n*2\r\n:1\r\n"));
    decoder.feed(Buffer.from("+b\r\n"));
    expect(replies).toEqual(["a", "reset", "b"]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  test("reset() drops a partial reply", () => {
    const { decoder, events } = collector();
    decoder.feed(Buffer.from("*3\r\n:1\r\n$10\r\nabc"));
    expect(decoder.bufferedBytes).toBe(3);
    decoder.reset();
    expect(decoder.bufferedBytes).toBe(0);
    decoder.feed(Buffer.from("+OK\r\n"));
    expect(events).toEqual([{ kind: "reply", value: "OK" }]);
  });

  test("bufferedBytes counts a partial line and a streamed string", () => {
    const { decoder } = collector();
    decoder.feed(Buffer.from("+hel"));
    expect(decoder.bufferedBytes).toBe(4);
    decoder.feed(Buffer.from("lo\r\n$?\r\n;3\r\nabc\r\n;2\r\nd"));
    expect(decoder.bufferedBytes).toBe(4);
  });

  test("invalid options are rejected", () => {
    const callbacks = { onReply() {}, onPush() {}, onError() {} };
    expect(() => new RespDecoder(callbacks, { maxDepth: 0 })).toThrow(ConfigurationError);
    expect(() => new RespDecoder(callbacks, { maxBulkLength: -1 })).toThrow(ConfigurationError);
  });
});
