import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { RespDecoder } from "../decoder/resp-decoder.js";
import { RequestError } from "../errors.js";
import type { CommandArg, RespValue } from "../types.js";
import {
  CommandEncoder,
  chunkBytes,
  encodeCommand,
  LARGE_BUFFER_BYTES,
  type WriteChunk,
} from "./command-encoder.js";

function decodeAll(chunks: WriteChunk[]): RespValue[] {
  const replies: RespValue[] = [];
  const decoder = new RespDecoder(
    {
      onReply: (value) => replies.push(value),
      onPush: () => expect.unreachable(),
      onError: (error) => {
        throw error;
      },
      replyAsBuffers: () => true,
    },
    {},
  );
  for (const chunk of chunks) decoder.feed(chunkBytes(chunk));
  return replies;
}

describe("encodeCommand", () => {
  test("writes an array of bulk strings", () => {
    expect(encodeCommand(["SET", "key", "value"]).toString()).toBe(
      "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
    );
  });

  test("lengths are UTF-8 byte counts", () => {
    expect(encodeCommand(["é", "✓", ""]).toString()).toBe("*3\r\n$2\r\né\r\n$3\r\n✓\r\n$0\r\n\r\n");
  });

  test("numbers are written in decimal, infinities as Valkey spells them", () => {
    expect(
      encodeCommand([
        "ZADD",
        1.5,
        -3,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
      ]).toString(),
    ).toBe("*5\r\n$4\r\nZADD\r\n$3\r\n1.5\r\n$2\r\n-3\r\n$4\r\n+inf\r\n$4\r\n-inf\r\n");
  });

  test("large integers stay in decimal digits", () => {
    expect(encodeCommand([1e21, -2e22, 1.5e-7]).toString()).toBe(
      "*3\r\n$22\r\n1000000000000000000000\r\n$24\r\n-20000000000000000000000\r\n$6\r\n1.5e-7\r\n",
    );
  });

  test("Buffers are written byte for byte", () => {
    const binary = Buffer.from([0, 13, 10, 255]);
    expect(encodeCommand(["SET", binary])).toEqual(
      Buffer.concat([Buffer.from("*2\r\n$3\r\nSET\r\n$4\r\n"), binary, Buffer.from("\r\n")]),
    );
  });

  test("bad arguments are RequestErrors", () => {
    expect(() => encodeCommand([])).toThrow(RequestError);
    expect(() => encodeCommand(["GET", Number.NaN])).toThrow(/NaN/);
    for (const bad of [null, undefined, {}, [], 1n, true]) {
      expect(() => encodeCommand(["GET", bad as unknown as CommandArg])).toThrow(
        /Command argument 1 must be a string, Buffer or number/,
      );
    }
  });
});

describe("CommandEncoder", () => {
  test("check throws exactly what push throws, and encodes nothing", () => {
    const encoder = new CommandEncoder({ maxBulkLength: 4 });
    const cases: unknown[][] = [
      [],
      ["GET", Number.NaN],
      ["GET", null],
      ["SET", "k", "12345"],
      ["SET", "k", "éé€"],
      ["SET", "k", Buffer.alloc(5)],
    ];
    for (const args of cases) {
      const command = args as CommandArg[];
      let pushed: unknown;
      try {
        encoder.push(command);
      } catch (error) {
        pushed = error;
      }
      expect(pushed).toBeInstanceOf(RequestError);
      expect(() => encoder.check(command)).toThrow((pushed as Error).message);
    }
    expect(encoder.pendingBytes).toBe(0);
    for (const good of [
      ["GET", "éé"],
      ["SET", "k", 1.5, Buffer.alloc(4)],
    ] as CommandArg[][]) {
      expect(() => encoder.check(good)).not.toThrow();
    }
    expect(encoder.pendingBytes).toBe(0);
  });

  test("coalesces many commands into one chunk and tracks pendingBytes exactly", () => {
    const encoder = new CommandEncoder();
    expect(encoder.take()).toEqual([]);
    encoder.push(["GET", "a"]);
    encoder.push(["SET", "é", Buffer.from("xyz"), 7]);
    const expected = Buffer.concat([
      encodeCommand(["GET", "a"]),
      encodeCommand(["SET", "é", "xyz", "7"]),
    ]);
    expect(encoder.pendingBytes).toBe(expected.length);
    const chunks = encoder.take();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toEqual(expected);
    expect(encoder.pendingBytes).toBe(0);
    expect(encoder.take()).toEqual([]);
  });

  test("large Buffers are passed by reference, small neighbours joined", () => {
    const large = Buffer.alloc(LARGE_BUFFER_BYTES, 0x61);
    const encoder = new CommandEncoder();
    encoder.push(["SET", "k1", large]);
    encoder.push(["SET", "k2", Buffer.from("small")]);
    encoder.push(["GET", "k1"]);
    const chunks = encoder.take();
    expect(chunks).toHaveLength(3);
    expect(chunks[1]).toBe(large);
    expect(decodeAll(chunks)).toEqual([
      [Buffer.from("SET"), Buffer.from("k1"), large],
      [Buffer.from("SET"), Buffer.from("k2"), Buffer.from("small")],
      [Buffer.from("GET"), Buffer.from("k1")],
    ]);
  });

  test("large strings are chunks of their own: ASCII as it is, anything else encoded to UTF-8", () => {
    const ascii = "a".repeat(LARGE_BUFFER_BYTES);
    const unicode = "é€".repeat(LARGE_BUFFER_BYTES / 2);
    const encoder = new CommandEncoder();
    encoder.push(["SET", "k1", ascii]);
    encoder.push(["SET", "k2", unicode, "EX", 10]);
    const pending = encoder.pendingBytes;
    expect(pending).toBe(
      encodeCommand(["SET", "k1", Buffer.from(ascii)]).length +
        encodeCommand(["SET", "k2", Buffer.from(unicode), "EX", "10"]).length,
    );
    const chunks = encoder.take();
    // Text, the ASCII value, text, the UTF-8 value, text.
    expect(chunks).toHaveLength(5);
    expect(chunks[1]).toBe(ascii);
    expect(chunks[3]).toEqual(Buffer.from(unicode));
    expect(chunks[1]?.length).toBe(LARGE_BUFFER_BYTES);
    expect(chunks[3]?.length).toBe(Buffer.byteLength(unicode));
    expect(decodeAll(chunks).map((command) => (command as Buffer[]).map(String))).toEqual([
      ["SET", "k1", ascii],
      ["SET", "k2", unicode, "EX", "10"],
    ]);
    const limited = new CommandEncoder({ maxBulkLength: LARGE_BUFFER_BYTES });
    expect(() => limited.push(["SET", "k", unicode])).toThrow(/over the limit/);
    expect(() => limited.check(["SET", "k", unicode])).toThrow(/over the limit/);
    expect(limited.pendingBytes).toBe(0);
  });

  test("a rejected command leaves earlier commands intact and adds nothing", () => {
    const encoder = new CommandEncoder({ maxBulkLength: 4 });
    encoder.push(["GET", "k"]);
    const before = encoder.pendingBytes;
    expect(() => encoder.push(["SET", Buffer.from("ok"), "too long"])).toThrow(
      /Command argument 2 is 8 bytes, over the limit of 4/,
    );
    expect(() => encoder.push(["SET", Buffer.alloc(5)])).toThrow(RequestError);
    expect(encoder.pendingBytes).toBe(before);
    expect(Buffer.concat(encoder.take().map(chunkBytes))).toEqual(encodeCommand(["GET", "k"]));
  });

  test("any commands round-trip through the decoder", () => {
    const arg = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
      fc.integer(),
      fc.constant(Buffer.alloc(LARGE_BUFFER_BYTES + 1, 0x62)),
      fc.constant("é".repeat(LARGE_BUFFER_BYTES)),
      fc.constant("s".repeat(LARGE_BUFFER_BYTES + 3)),
      fc.constant(`${"t".repeat(LARGE_BUFFER_BYTES)}é`),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(arg, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        (commands) => {
          const encoder = new CommandEncoder();
          for (const command of commands) encoder.push(command);
          const pending = encoder.pendingBytes;
          const chunks = encoder.take();
          expect(chunks.reduce((sum, chunk) => sum + chunk.length, 0)).toBe(pending);
          // Compared as base64 text: deep equality of large Buffers is slow in vitest.
          const decoded = decodeAll(chunks) as Buffer[][];
          expect(decoded.map((command) => command.map(base64))).toEqual(
            commands.map((command) => command.map((item) => base64(toBytes(item)))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

function toBytes(item: CommandArg): Buffer {
  return Buffer.isBuffer(item) ? item : Buffer.from(String(item));
}

function base64(bytes: Buffer): string {
  return bytes.toString("base64");
}

describe("CommandEncoder takeChunk", () => {
  test("chunks taken between pushes keep their bytes, and all of them make the commands in order", () => {
    const arg = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 90 }),
      fc.string({ unit: "binary", minLength: 60, maxLength: 400 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.double({ noNaN: true }),
      fc.constant(Buffer.alloc(LARGE_BUFFER_BYTES, 0x63)),
      fc.constant("d".repeat(LARGE_BUFFER_BYTES)),
      fc.constant(`${"\u007f".repeat(LARGE_BUFFER_BYTES)}\u0080`),
    );
    const step = fc.oneof(
      fc.array(arg, { minLength: 1, maxLength: 6 }).map((command) => ({ command })),
      fc.constant({ command: undefined }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const encoder = new CommandEncoder();
        const taken: Buffer[] = [];
        const expected: Buffer[] = [];
        let pending: Buffer[] = [];
        const takeAll = () => {
          const chunk = encoder.takeChunk();
          const chunks = chunk === undefined ? encoder.take().map(chunkBytes) : [chunk];
          expect(encoder.pendingBytes).toBe(0);
          taken.push(...chunks);
          expected.push(...pending);
          pending = [];
        };
        for (const { command } of steps) {
          if (command === undefined) takeAll();
          else {
            encoder.push(command);
            pending.push(reference(command));
          }
        }
        takeAll();
        expect(base64(Buffer.concat(taken))).toBe(base64(Buffer.concat(expected)));
      }),
      { numRuns: 30 },
    );
  });

  test("many commands taken in small groups come out whole and in order", () => {
    const encoder = new CommandEncoder();
    const taken: Buffer[] = [];
    const expected: Buffer[] = [];
    for (let i = 0; i < 2000; i++) {
      const command = ["SET", `key:${i}`, "v".repeat(100 + (i % 50))];
      encoder.push(command);
      expected.push(reference(command));
      if (i % 7 === 6) taken.push(encoder.takeChunk() as Buffer);
    }
    taken.push(...encoder.take().map(chunkBytes));
    expect(Buffer.concat(taken).equals(Buffer.concat(expected))).toBe(true);
  });

  test("non-ASCII strings, some with more digits in their byte length than in their length", () => {
    for (const text of ["ééééé", "€".repeat(40), "😀".repeat(30), `${"a".repeat(63)}é`]) {
      expect(encodeCommand([text])).toEqual(reference([text]));
    }
  });
});

/** RESP of `command`, built the plain way. */
function reference(command: readonly CommandArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${command.length}\r\n`)];
  for (const item of command) {
    const bytes = Buffer.isBuffer(item)
      ? item
      : Buffer.from(typeof item === "number" ? numberText(item) : item);
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

function numberText(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "+inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return Math.abs(value) >= 1e21 && Number.isInteger(value)
    ? BigInt(value).toString()
    : String(value);
}
