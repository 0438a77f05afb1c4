// Bulk payloads that cross chunk boundaries: one allocation of exactly the payload's length,
// pieces copied in as they arrive, a view when the payload sits in one chunk, and the same
// values whatever the split.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { collector, type DecodedEvent, decodeSplit, decodeWhole } from "../test-support/collect.js";
import type { RespValue } from "../types.js";

function bulk(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`$${payload.length}\r\n`), payload, Buffer.from("\r\n")]);
}

function pattern(length: number, seed: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

/** Values as comparable text: deep equality of large Buffers is slow in vitest. */
function normalize(value: RespValue): unknown {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString("base64")}`;
  if (typeof value === "string") return `text:${value}`;
  return Array.isArray(value) ? value.map((item) => normalize(item as RespValue)) : value;
}

function replies(events: DecodedEvent[]): unknown[] {
  return events.map((event) => (event.kind === "reply" ? normalize(event.value) : event));
}

/** Sorted, distinct cut offsets strictly inside `length`. */
function cutsArbitrary(length: number): fc.Arbitrary<number[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 8 })
    .map((cuts) => cuts.filter((cut) => cut < length).sort((a, b) => a - b));
}

describe("bulk payloads across chunks", () => {
  test("any replies, split anywhere, decode as the whole does, as bytes and as strings", () => {
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: "grapheme", maxLength: 60 }).map((text) => Buffer.from(text)),
      fc.integer({ min: 4000, max: 70_000 }).map((length) => pattern(length, length)),
    );
    const item = fc.oneof(
      payload.map(bulk),
      fc.constant(Buffer.from("+OK\r\n")),
      fc.integer().map((n) => Buffer.from(`:${n}\r\n`)),
      fc
        .array(payload, { minLength: 1, maxLength: 3 })
        .map((items) => Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items.map(bulk)])),
    );
    const wire = fc
      .array(item, { minLength: 1, maxLength: 6 })
      .map((items) => Buffer.concat(items));
    fc.assert(
      fc.property(
        wire.chain((bytes) => fc.tuple(fc.constant(bytes), cutsArbitrary(bytes.length))),
        fc.boolean(),
        ([bytes, cuts], asBuffers) => {
          const options = { replyAsBuffers: asBuffers };
          const whole = decodeWhole(bytes, options);
          expect(whole.every((event) => event.kind === "reply")).toBe(true);
          expect(replies(decodeSplit(bytes, cuts, options))).toEqual(replies(whole));
        },
      ),
      { numRuns: 150 },
    );
  });

  test("a payload with bytes around it, cut at every offset and every pair of offsets", () => {
    const bytes = Buffer.concat([
      Buffer.from("+OK\r\n"),
      bulk(pattern(40, 7)),
      Buffer.from(":5\r\n"),
      bulk(Buffer.from("é€ab")),
    ]);
    for (const asBuffers of [true, false]) {
      const options = { replyAsBuffers: asBuffers };
      const whole = decodeWhole(bytes, options);
      expect(whole).toHaveLength(4);
      for (let first = 1; first < bytes.length; first++) {
        expect(decodeSplit(bytes, [first], options)).toEqual(whole);
        for (let second = first + 1; second < bytes.length; second++) {
          expect(decodeSplit(bytes, [first, second], options)).toEqual(whole);
        }
      }
    }
  });

  test("a payload that crosses chunks is one allocation of its length, copied as it arrives", () => {
    const value = pattern(64 * 1024, 3);
    const wire = bulk(value);
    const { decoder, events } = collector({ replyAsBuffers: true });
    for (let start = 0; start < wire.length; start += 10_000) {
      const chunk = Buffer.from(wire.subarray(start, start + 10_000));
      decoder.feed(chunk);
      // The bytes were copied: the caller's chunk memory no longer matters.
      chunk.fill(0);
    }
    expect(events).toHaveLength(1);
    const reply = (events[0] as { value: Buffer }).value;
    expect(reply.equals(value)).toBe(true);
    expect(reply.length).toBe(value.length);
  });

  test("payloads up to 128 KiB share blocks without overlapping; a longer one is its own", () => {
    const small = [pattern(64 * 1024, 1), pattern(100, 2), pattern(128 * 1024, 3)];
    const large = pattern(128 * 1024 + 1, 4);
    const wire = Buffer.concat([...small, large].map(bulk));
    const { decoder, events } = collector({ replyAsBuffers: true });
    // Cut so that every payload crosses a chunk boundary.
    for (let start = 0; start < wire.length; start += 50) {
      decoder.feed(wire.subarray(start, start + 50));
    }
    const replies = events.map((event) => (event as { value: Buffer }).value);
    expect(replies.map((reply) => reply.length)).toEqual([...small, large].map((v) => v.length));
    replies.forEach((reply, index) => {
      expect(reply.equals([...small, large][index] as Buffer)).toBe(true);
    });
    // Intact after all arrived, so no payload was written over another. The three small
    // ones take under half a block: at most one block change among them.
    const [first, second, third] = replies as [Buffer, Buffer, Buffer];
    expect(first.buffer === second.buffer || second.buffer === third.buffer).toBe(true);
    expect(replies[3]?.buffer.byteLength).toBe(large.length);
  });

  test("a payload inside one chunk stays a view of it, even when its CRLF comes later", () => {
    const chunk = Buffer.from("$5\r\nabcde");
    const { decoder, events } = collector({ replyAsBuffers: true });
    decoder.feed(chunk);
    decoder.feed(Buffer.from("\r\n"));
    const reply = (events[0] as { value: Buffer }).value;
    expect(reply.toString()).toBe("abcde");
    expect(reply.buffer).toBe(chunk.buffer);
  });

  test("a large declared length is not allocated before an eighth of it arrives", () => {
    const length = 256 * 1024 * 1024;
    const { decoder, events } = collector({ replyAsBuffers: true });
    const before = process.memoryUsage().arrayBuffers;
    decoder.feed(Buffer.from(`$${length}\r\n`));
    decoder.feed(Buffer.alloc(1000, 0x61));
    expect(decoder.bufferedBytes).toBe(1000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(length / 8);
    expect(events).toEqual([]);
  });

  test("a value over the eager size is joined once an eighth arrived, intact", () => {
    const value = pattern(3 * 1024 * 1024 + 17, 9);
    const wire = bulk(value);
    for (const asBuffers of [true, false]) {
      const { decoder, events } = collector({ replyAsBuffers: asBuffers });
      for (let start = 0; start < wire.length; start += 65_536) {
        decoder.feed(wire.subarray(start, start + 65_536));
      }
      expect(events).toHaveLength(1);
      const reply = (events[0] as { value: Buffer | string }).value;
      if (asBuffers) expect((reply as Buffer).equals(value)).toBe(true);
      else expect(reply).toBe(value.toString());
    }
  });
});

describe("keptInput: whether a chunk's memory may be reused after feed", () => {
  test("string mode keeps nothing, however the replies are cut; reused memory changes nothing", () => {
    const wire = Buffer.concat([
      Buffer.from("+OK\r\n:12345\r\n"),
      bulk(pattern(5000, 1)),
      Buffer.from("*2\r\n$3\r\nabc\r\n+a long simple string line\r\n"),
    ]);
    const expected = decodeWhole(wire);
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const { decoder, events } = collector();
      // One scratch buffer for every chunk, as a reader reusing its memory would.
      const scratch = Buffer.alloc(size);
      for (let start = 0; start < wire.length; start += size) {
        const length = wire.copy(scratch, 0, start, start + size);
        decoder.feed(scratch.subarray(0, length));
        expect(decoder.keptInput).toBe(false);
      }
      expect(events).toEqual(expected);
    }
  });

  test("bytes mode reports the chunks its values are views of", () => {
    const { decoder, events } = collector({ replyAsBuffers: true });
    decoder.feed(Buffer.from("+OK\r\n:1\r\n"));
    expect(decoder.keptInput).toBe(false);
    decoder.feed(Buffer.from("$3\r\nabc\r\n"));
    expect(decoder.keptInput).toBe(true);
    decoder.feed(Buffer.from("$6\r\nabc"));
    expect(decoder.keptInput).toBe(false);
    decoder.feed(Buffer.from("def\r\n"));
    expect(decoder.keptInput).toBe(false);
    expect(events.map((event) => (event as { value: unknown }).value)).toEqual([
      "OK",
      1,
      Buffer.from("abc"),
      Buffer.from("abcdef"),
    ]);
  });
});

describe("payloadRoom: the rest of a payload, read into its place", () => {
  test("bytes read into the room in steps make the value, which is that memory", () => {
    const value = pattern(50_000, 5);
    const wire = bulk(value);
    const { decoder, events } = collector({ replyAsBuffers: true });
    expect(decoder.payloadRoom).toBeUndefined();
    decoder.feed(Buffer.from(wire.subarray(0, 1000)));
    let offset = 1000;
    let memory: ArrayBuffer | undefined;
    for (const step of [20_000, 7, 30_000]) {
      const room = decoder.payloadRoom as Buffer;
      expect(room.length).toBe(wire.length - 2 - offset);
      memory ??= room.buffer as ArrayBuffer;
      expect(room.buffer).toBe(memory);
      // As a socket read would: some of the rest lands in the room, then that view is fed.
      const length = Math.min(step, room.length);
      wire.copy(room, 0, offset, offset + length);
      decoder.feed(room.subarray(0, length));
      expect(decoder.keptInput).toBe(false);
      offset += length;
    }
    expect(decoder.payloadRoom).toBeUndefined();
    decoder.feed(Buffer.from("\r\n+OK\r\n"));
    expect(events).toHaveLength(2);
    const reply = (events[0] as { value: Buffer }).value;
    expect(reply.equals(value)).toBe(true);
    expect(reply.buffer).toBe(memory);
    expect(decoder.payloadRoom).toBeUndefined();
  });

  test("no room for text, or after a failure", () => {
    const text = collector();
    text.decoder.feed(Buffer.from(`$5000\r\n${"a".repeat(100)}`));
    expect(text.decoder.payloadRoom).toBeUndefined();
    const failed = collector({ replyAsBuffers: true });
    failed.decoder.feed(Buffer.from(`$5000\r\n${"a".repeat(100)}`));
    expect(failed.decoder.payloadRoom?.length).toBe(4900);
    failed.decoder.feed(Buffer.from(`${"b".repeat(4900)}XX`));
    expect(failed.events.map((event) => event.kind)).toEqual(["error"]);
    expect(failed.decoder.payloadRoom).toBeUndefined();
  });
});
