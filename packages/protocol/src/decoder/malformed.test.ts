import { describe, expect, test } from "vitest";
import { ProtocolError } from "../errors.js";
import { collector, type DecodedEvent, decodeSplit } from "../test-support/collect.js";

interface Malformed {
  wire: string;
  error: RegExp;
  /** Replies that legitimately precede the bad bytes. */
  before?: number;
}

const corpus: Malformed[] = [
  { wire: "&foo\r\n", error: /unknown reply type '&'/ },
  { wire: "\r\n", error: /unknown reply type byte 0xd/ },
  { wire: "$x\r\n", error: /invalid length "x/ },
  { wire: "*1x\r\n", error: /invalid length "1x/ },
  { wire: "$\r\n", error: /invalid length/ },
  { wire: "$3\r\nfooXX", error: /bulk not followed by CRLF/ },
  { wire: "$3\r\nfoo\rX", error: /bulk not followed by CRLF/ },
  { wire: "+OK\rX", error: /expected LF after CR/ },
  { wire: "$3\rX", error: /expected LF after CR/ },
  { wire: "+OK\n", error: /LF without CR/ },
  { wire: "$-2\r\n", error: /negative length -2/ },
  { wire: "*-5\r\n", error: /negative length -5/ },
  { wire: "%-3\r\n", error: /negative length -3/ },
  { wire: "!-1\r\n", error: /'!' does not accept length -1/ },
  { wire: "|-1\r\n", error: /'\|' does not accept length -1/ },
  { wire: ">-1\r\n", error: /'>' does not accept length -1/ },
  { wire: "=?\r\n", error: /'=' does not accept length \?/ },
  { wire: ">?\r\n", error: /'>' cannot be streamed/ },
  { wire: "|?\r\n", error: /'\|' cannot be streamed/ },
  { wire: ":12a\r\n", error: /invalid integer "12a/ },
  { wire: ":\r\n", error: /invalid integer/ },
  { wire: ":-\r\n", error: /invalid integer/ },
  { wire: ":1234567890123456789012345\r\n", error: /line longer than 24 bytes/ },
  { wire: "*1234567890123456789012345\r\n", error: /line longer than 24 bytes/ },
  { wire: "#x\r\n", error: /invalid boolean "x"/ },
  { wire: "#tt\r\n", error: /line longer than 1 bytes/ },
  { wire: "#\r\n", error: /invalid boolean ""/ },
  { wire: "_x\r\n", error: /line longer than 0 bytes/ },
  { wire: ".x\r\n", error: /line longer than 0 bytes/ },
  { wire: ",abc\r\n", error: /invalid double "abc"/ },
  { wire: ",\r\n", error: /invalid double ""/ },
  { wire: ",1.5.5\r\n", error: /invalid double/ },
  { wire: "(12x\r\n", error: /invalid big number "12x"/ },
  { wire: "(\r\n", error: /invalid big number/ },
  { wire: "=3\r\ntxt\r\n", error: /verbatim string of length 3/ },
  { wire: "=5\r\ntxtab\r\n", error: /verbatim string without 'fmt:' prefix/ },
  { wire: "*1\r\n>0\r\n", error: /push frame inside another value/ },
  { wire: ".\r\n", error: /'\.' outside a streamed aggregate/ },
  { wire: "*1\r\n.\r\n", error: /'\.' outside a streamed aggregate/ },
  { wire: "%?\r\n+a\r\n.\r\n", error: /streamed map ended between a key and its value/ },
  { wire: "$?\r\n+a\r\n", error: /expected ';' inside a streamed string, got '\+'/ },
  { wire: "$?\r\n;2\r\nab\r\n.\r\n", error: /expected ';' inside a streamed string/ },
  { wire: ";3\r\nabc\r\n", error: /';' outside a streamed string/ },
  { wire: "*1\r\n;3\r\nabc\r\n", error: /';' outside a streamed string/ },
  { wire: "$?x\r\n", error: /invalid length "\?x/ },
  { wire: "$600000000\r\n", error: /bulk length 600000000 exceeds the limit of 536870912/ },
  { wire: "+OK\r\n$9999999999\r\n", error: /exceeds the limit/, before: 1 },
  { wire: "*99999999999\r\n", error: /aggregate length 99999999999 exceeds 4294967295/ },
];

function expectFailure(events: DecodedEvent[], item: Malformed): void {
  const before = item.before ?? 0;
  expect(events.slice(0, before).every((event) => event.kind === "reply")).toBe(true);
  expect(events).toHaveLength(before + 1);
  const last = events[before];
  expect(last?.kind).toBe("error");
  const error = (last as { error: ProtocolError }).error;
  expect(error).toBeInstanceOf(ProtocolError);
  expect(error.message).toMatch(item.error);
}

describe("malformed input", () => {
  for (const item of corpus) {
    test(`${JSON.stringify(item.wire)} → ${item.error}`, () => {
      // Trailing bytes after the fault must be ignored, whatever they are.
      const bytes = Buffer.from(`${item.wire}+AFTER\r\n`);
      expectFailure(decodeSplit(bytes, []), item);
      for (let cut = 1; cut < bytes.length; cut++) {
        expectFailure(decodeSplit(bytes, [cut]), item);
      }
      const bytewise: number[] = [];
      for (let i = 1; i < bytes.length; i++) bytewise.push(i);
      expectFailure(decodeSplit(bytes, bytewise), item);
    });
  }

  test("the error is raised at once, before the rest of a frame arrives", () => {
    for (const prefix of ["$12x", "*-2\r", ":1a", "&", "$5\r\nabcdeX", "+a\n", "#q", "_q"]) {
      const { decoder, events } = collector();
      decoder.feed(Buffer.from(prefix));
      expect(
        events.map((event) => event.kind),
        prefix,
      ).toEqual(["error"]);
    }
  });

  test("after an error the decoder ignores input until reset()", () => {
    const { decoder, events } = collector();
    decoder.feed(Buffer.from("*2\r\n:1\r\n&"));
    decoder.feed(Buffer.from("+OK\r\n"));
    expect(events.map((event) => event.kind)).toEqual(["error"]);
    expect(decoder.bufferedBytes).toBe(0);
    decoder.reset();
    decoder.feed(Buffer.from("+OK\r\n"));
    expect(events[1]).toEqual({ kind: "reply", value: "OK" });
  });
});
