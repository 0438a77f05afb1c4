import { describe, expect, it } from "vitest";
import { type ParsedRequest, RequestParser, splitInlineArgs } from "./request-parser.js";

function parser(authenticated = true, maxBulk = 512 * 1024 * 1024): RequestParser {
  return new RequestParser({ authenticated: () => authenticated, maxBulkLength: () => maxBulk });
}

function drain(p: RequestParser): ParsedRequest[] {
  const out: ParsedRequest[] = [];
  for (let r = p.next(); r !== undefined; r = p.next()) {
    out.push(r);
    if ("protocolError" in r) break;
  }
  return out;
}

const text = (r: ParsedRequest) =>
  "args" in r ? r.args.map((a) => a.toString()) : r.protocolError;

describe("RequestParser", () => {
  it("reads pipelined arrays fed byte by byte", () => {
    const p = parser();
    const wire = Buffer.from("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n");
    const out: ParsedRequest[] = [];
    for (const byte of wire) {
      p.feed(Buffer.from([byte]));
      out.push(...drain(p));
    }
    expect(out.map(text)).toEqual([["GET", "k"], ["PING"]]);
  });

  it("reads inline commands with quotes", () => {
    const p = parser();
    p.feed(Buffer.from('SET k "a b\\n"\r\nPING\n\r\n'));
    expect(drain(p).map(text)).toEqual([["SET", "k", "a b\n"], ["PING"]]);
    expect(splitInlineArgs(Buffer.from("\"\\x41b\" 'c\\'d'"))?.map(String)).toEqual(["Ab", "c'd"]);
    expect(splitInlineArgs(Buffer.from('"open'))).toBeUndefined();
  });

  it.each([
    ["*2\r\n$3\r\nGET\r\n:1\r\n", "expected '$', got ':'"],
    ["*x\r\n", "invalid multibulk length"],
    ["*1\r\n$-2\r\n", "invalid bulk length"],
    ["*1\r\n$11\r\n", "invalid bulk length"],
  ])("rejects %j with %j", (wire, message) => {
    const p = parser(true, 10);
    p.feed(Buffer.from(wire));
    expect(drain(p).map(text)).toEqual([message]);
  });

  it("applies the unauthenticated limits", () => {
    const p = parser(false);
    p.feed(Buffer.from("*11\r\n"));
    expect(drain(p).map(text)).toEqual(["unauthenticated multibulk length"]);
    const q = parser(false);
    q.feed(Buffer.from("*1\r\n$20000\r\n"));
    expect(drain(q).map(text)).toEqual(["unauthenticated bulk length"]);
  });

  it("reads a large argument fed in small chunks without re-parsing each time", () => {
    const p = parser();
    const value = Buffer.alloc(8 * 1024 * 1024, 0x61);
    const wire = Buffer.concat([
      Buffer.from(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${value.length}\r\n`),
      value,
      Buffer.from("\r\n"),
    ]);
    const started = performance.now();
    const out: ParsedRequest[] = [];
    for (let at = 0; at < wire.length; at += 16 * 1024) {
      p.feed(wire.subarray(at, at + 16 * 1024));
      out.push(...drain(p));
    }
    expect(out).toHaveLength(1);
    const request = out[0] as { args: Buffer[] };
    expect(request.args[2]?.equals(value)).toBe(true);
    // Re-merging the whole buffer per chunk would take seconds here.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
