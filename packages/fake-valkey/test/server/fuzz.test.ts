// Fuzzing: the request parser with arbitrary bytes in arbitrary chunks, and
// every command's argument parser with random arguments on a live fake. The
// fake must neither throw nor hang, must answer each request, and no command
// may hold the event loop for 100 ms or more (SLOWLOG, set to log commands of
// 100 ms and more, stays empty).

import { encodeCommand } from "@petrel/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
import { fakeNodeCommandTable } from "../../src/server/commands/index.js";
import { RequestParser } from "../../src/server/request-parser.js";
import { RawClient } from "../support/raw-client.js";

const limits = { maxBulkLength: () => 512 * 1024 * 1024, authenticated: () => true };

/** Splits bytes at the given cut points. */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    out.push(bytes.subarray(from, point));
    from = point;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Drains the parser; stops at a protocol error (the server closes the connection there). */
function drain(parser: RequestParser): { requests: Buffer[][]; error?: string } {
  const requests: Buffer[][] = [];
  for (let i = 0; i < 10_000; i++) {
    const request = parser.next();
    if (request === undefined) return { requests };
    if ("protocolError" in request) return { requests, error: request.protocolError };
    requests.push(request.args);
  }
  throw new Error("the parser produced more requests than bytes allow");
}

describe("request parser fuzz", () => {
  it("parses any split of encoded commands back to their arguments", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (commands, cuts) => {
          const parser = new RequestParser(limits);
          const bytes = Buffer.concat(
            commands.map((args) => encodeCommand(args.map((arg) => Buffer.from(arg)))),
          );
          const got: Buffer[][] = [];
          for (const chunk of chunks(bytes, cuts)) {
            parser.feed(chunk);
            const { requests, error } = drain(parser);
            expect(error).toBeUndefined();
            got.push(...requests);
          }
          expect(got.map((args) => args.map((arg) => arg.toString("hex")))).toEqual(
            commands.map((args) => args.map((arg) => Buffer.from(arg).toString("hex"))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary bytes, authenticated or not", () => {
    const prefixes = ["*", "$", "*2\r\n$", "*1\r\n$3\r\n", "*-1\r\n", "PING ", "\r\n", '"a'];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (prefix, body, cuts, authenticated) => {
          const parser = new RequestParser({ ...limits, authenticated: () => authenticated });
          const bytes = Buffer.concat([Buffer.from(prefix), Buffer.from(body)]);
          for (const chunk of chunks(bytes, cuts)) {
            parser.feed(chunk);
            if (drain(parser).error !== undefined) return;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Commands a random call must not run: they block, change the connection's mode, or end it. */
const EXCLUDED = new Set([
  "monitor",
  "quit",
  "reset",
  "subscribe",
  "psubscribe",
  "ssubscribe",
  "hello",
  "multi",
  "wait",
  "waitaof",
  "debug",
  "client|pause",
  "client|kill",
  "client|reply",
  "client|no-touch",
  "config|set",
  "config|resetstat",
  "slowlog|reset",
  "auth",
  "select",
  "swapdb",
  "function|restore",
  "script|kill",
  "function|kill",
]);

function commandNames(): string[][] {
  const names: string[][] = [];
  for (const def of fakeNodeCommandTable().values()) {
    if (def.flags.includes("blocking")) continue;
    if (def.subcommands === undefined) {
      if (!EXCLUDED.has(def.name)) names.push([def.name]);
      continue;
    }
    for (const sub of def.subcommands.values())
      if (!EXCLUDED.has(sub.name)) names.push(sub.name.split("|"));
  }
  return names;
}

const TOKENS = [
  "k",
  "l",
  "s",
  "z",
  "h",
  "x",
  "0",
  "1",
  "-1",
  "2",
  "100",
  "-9223372036854775808",
  "9223372036854775807",
  "99999999999999999999",
  "1e400",
  "nan",
  "inf",
  "-inf",
  "(1",
  "[a",
  "+",
  "-",
  "*",
  "$",
  "",
  "COUNT",
  "LIMIT",
  "MATCH",
  "TYPE",
  "BY",
  "STORE",
  "WITHSCORES",
  "REV",
  "BYSCORE",
  "BYLEX",
  "NX",
  "XX",
  "GT",
  "LT",
  "EX",
  "PX",
  "KEEPTTL",
  "MAXLEN",
  "~",
  "=",
  "STREAMS",
  "GROUP",
  "FROMMEMBER",
  "BYRADIUS",
  "km",
  "ASC",
  "DESC",
  "ALPHA",
  "GET",
  "ID",
  "ENTRIESREAD",
  "IDLE",
  "JUSTID",
  "0-0",
  "$",
];

describe("argument parser fuzz on a live fake", () => {
  let fake: FakeStandalone;
  let client: RawClient;
  beforeAll(async () => {
    fake = await startStandalone({ config: { "slowlog-log-slower-than": "100000" } });
    client = await RawClient.connect(fake.port);
  });
  afterAll(async () => {
    client.close();
    await fake.stop();
  });

  it("answers every random call of every command, none taking 100 ms", async () => {
    const names = commandNames();
    // Data first, so commands find keys of every type.
    for (const setup of [
      ["RPUSH", "l", "a", "b", "c"],
      ["SADD", "s", "a", "b"],
      ["ZADD", "z", "1", "a", "2", "b"],
      ["HSET", "h", "f", "v"],
      ["XADD", "x", "*", "f", "v"],
      ["SET", "k", "10"],
    ])
      await client.call(setup);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }),
        async (name, args) => {
          // Some calls answer with several frames (UNSUBSCRIBE a b): read up to a marker.
          client.send([...name, ...args]);
          client.send(["ECHO", "fuzz-marker"]);
          let frames = 0;
          while ((await client.read()) !== "$fuzz-marker") {
            frames++;
            expect(frames).toBeLessThan(50);
          }
          expect(frames).toBeGreaterThan(0);
          expect(client.closed).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
    expect(await client.call(["PING"])).toBe("+PONG");
    expect(await client.call(["SLOWLOG", "GET", "-1"])).toEqual([]);
  }, 120_000);
});
