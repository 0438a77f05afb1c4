// Property: any reply tree, encoded by encodeReplyFrame for RESP3 or RESP2 and
// fed to the decoder in random chunks, decodes to the values the RESP2
// downgrade rules predict, with pushes and attributes on their own callbacks.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeReplyFrame, formatDouble } from "../encoder/reply-frame-encoder.js";
import { RequestError } from "../errors.js";
import type { ReplyFrame } from "../reply-frame.js";
import type { DecodedEvent } from "../test-support/collect.js";
import type { RespMap, RespValue } from "../types.js";
import { RespDecoder } from "./resp-decoder.js";

const lineText = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
const anyText = fc.string({ unit: "grapheme", maxLength: 12 });
const bytes = fc.uint8Array({ maxLength: 12 }).map((array) => Buffer.from(array));
const textOrBytes = fc.oneof(anyText, bytes);
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const scalar: fc.Arbitrary<ReplyFrame> = fc.oneof(
  lineText.map((value) => ({ type: "simple", value }) as const),
  lineText.map((value) => ({ type: "error", value }) as const),
  fc
    .oneof(fc.integer(), fc.maxSafeInteger(), int64)
    .map((value) => ({ type: "integer", value }) as const),
  fc.option(textOrBytes, { nil: null }).map((value) => ({ type: "bulk", value }) as const),
  fc.constant({ type: "null" } as const),
  fc.double().map((value) => ({ type: "double", value }) as const),
  fc.boolean().map((value) => ({ type: "boolean", value }) as const),
  fc.bigInt().map((value) => ({ type: "bignum", value }) as const),
  fc
    .record({ format: fc.constantFrom("txt", "mkd"), value: textOrBytes })
    .map(({ format, value }) => ({ type: "verbatim", format, value }) as const),
  lineText.map((value) => ({ type: "bulkError", value }) as const),
  fc
    .array(textOrBytes, { maxLength: 4 })
    .map((chunks) => ({ type: "streamedString", chunks }) as const),
);

const { frame } = fc.letrec<{ frame: ReplyFrame }>((tie) => {
  const child = tie("frame");
  const pairs = fc.array(fc.tuple(child, child), { maxLength: 3 });
  return {
    frame: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc
        .option(fc.array(child, { maxLength: 4 }), { nil: null })
        .map((value) => ({ type: "array", value }) as const),
      pairs.map((value) => ({ type: "map", value }) as const),
      fc.array(child, { maxLength: 4 }).map((value) => ({ type: "set", value }) as const),
      fc
        .record({ attributes: pairs, value: child })
        .map(({ attributes, value }) => ({ type: "attribute", attributes, value }) as const),
      fc
        .record({
          kind: fc.constantFrom("array" as const, "set" as const, "map" as const),
          value: fc.array(child, { maxLength: 4 }),
        })
        .map(({ kind, value }) => ({
          type: "streamedAggregate" as const,
          kind,
          value: kind === "map" && value.length % 2 === 1 ? value.slice(1) : value,
        })),
    ),
  };
});

const topLevel: fc.Arbitrary<ReplyFrame> = fc.oneof(
  { weight: 4, arbitrary: frame },
  {
    weight: 1,
    arbitrary: fc.array(frame, { maxLength: 4 }).map((value) => ({ type: "push", value }) as const),
  },
);

/** What the decoder must produce for `reply`, appending attribute events in wire order. */
class Expectation {
  readonly events: DecodedEvent[] = [];
  readonly #resp: 2 | 3;
  /** Statuses in a push stay text (kinds like "invalidate" route it); in replies they follow the decoder. */
  #inPush = false;

  constructor(resp: 2 | 3) {
    this.#resp = resp;
  }

  topLevel(reply: ReplyFrame, replyAsBuffers: boolean, pushAsBuffers: boolean): void {
    if (reply.type === "push" && this.#resp === 3) {
      this.#inPush = true;
      const value = reply.value.map((item) => this.value(item, pushAsBuffers));
      this.#inPush = false;
      this.events.push({ kind: "push", value });
    } else {
      this.events.push({ kind: "reply", value: this.value(reply, replyAsBuffers) });
    }
  }

  #text(value: string | Buffer, buffers: boolean): string | Buffer {
    if (buffers) return Buffer.from(value);
    return typeof value === "string" ? value : value.toString("utf8");
  }

  #entries(pairs: readonly (readonly [ReplyFrame, ReplyFrame])[], buffers: boolean): RespMap {
    return pairs.map(([key, value]) => ({
      key: this.value(key, buffers),
      value: this.value(value, buffers),
    }));
  }

  #flat(pairs: readonly (readonly [ReplyFrame, ReplyFrame])[], buffers: boolean): RespValue[] {
    return pairs.flatMap(([key, value]) => [this.value(key, buffers), this.value(value, buffers)]);
  }

  value(reply: ReplyFrame, buffers: boolean): RespValue {
    const resp3 = this.#resp === 3;
    switch (reply.type) {
      case "simple":
        return buffers && !this.#inPush && reply.value !== "OK"
          ? Buffer.from(reply.value)
          : reply.value;
      case "error":
      case "bulkError":
        return new RequestError(reply.value);
      case "integer": {
        const big = BigInt(reply.value);
        const safe =
          big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER);
        return safe ? Number(big) : big;
      }
      case "bulk":
        return reply.value === null ? null : this.#text(reply.value, buffers);
      case "null":
        return null;
      case "array":
        return reply.value === null ? null : reply.value.map((item) => this.value(item, buffers));
      case "push":
        return reply.value.map((item) => this.value(item, buffers));
      case "map":
        return resp3 ? this.#entries(reply.value, buffers) : this.#flat(reply.value, buffers);
      case "set": {
        const items = reply.value.map((item) => this.value(item, buffers));
        return resp3 ? new Set(items) : items;
      }
      case "double":
        return resp3 ? reply.value : this.#text(formatDouble(reply.value), buffers);
      case "boolean":
        return resp3 ? reply.value : reply.value ? 1 : 0;
      case "bignum":
        return resp3 ? reply.value : this.#text(reply.value.toString(), buffers);
      case "verbatim":
        return this.#text(reply.value, buffers);
      case "streamedString":
        return this.#text(Buffer.concat(reply.chunks.map((chunk) => Buffer.from(chunk))), buffers);
      case "attribute":
        if (resp3) {
          const attributes = this.#entries(reply.attributes, buffers);
          this.events.push({ kind: "attribute", value: attributes });
        }
        return this.value(reply.value, buffers);
      case "streamedAggregate": {
        const items = reply.value.map((item) => this.value(item, buffers));
        if (!resp3 || reply.kind === "array") return items;
        if (reply.kind === "set") return new Set(items);
        const entries: RespMap = [];
        for (let i = 0; i + 1 < items.length; i += 2) {
          entries.push({ key: items[i] as RespValue, value: items[i + 1] as RespValue });
        }
        return entries;
      }
      case "raw":
        throw new Error("raw frames are not generated");
    }
  }
}

function decodeInChunks(
  wire: Buffer,
  cuts: number[],
  modes: boolean[],
  pushAsBuffers: boolean,
): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  let nextMode = 0;
  const decoder = new RespDecoder(
    {
      onReply: (value) => events.push({ kind: "reply", value }),
      onPush: (value) => events.push({ kind: "push", value }),
      onAttribute: (value) => events.push({ kind: "attribute", value }),
      onError: (error) => events.push({ kind: "error", error }),
      replyAsBuffers: () => modes[nextMode++] === true,
    },
    { pushAsBuffers },
  );
  let start = 0;
  for (const cut of [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort(
    (a, b) => a - b,
  )) {
    decoder.feed(wire.subarray(start, cut));
    start = cut;
  }
  decoder.feed(wire.subarray(start));
  expect(decoder.bufferedBytes).toBe(0);
  return events;
}

describe.each([3, 2] as const)("RESP%i round trip", (resp) => {
  test("random reply trees under random chunk splits", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ reply: topLevel, buffers: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        (replies, cuts, pushAsBuffers) => {
          const wire = Buffer.concat(replies.map(({ reply }) => encodeReplyFrame(reply, resp)));
          const expectation = new Expectation(resp);
          const modes: boolean[] = [];
          for (const { reply, buffers } of replies) {
            if (!(reply.type === "push" && resp === 3)) modes.push(buffers);
            expectation.topLevel(reply, buffers, pushAsBuffers);
          }
          expect(decodeInChunks(wire, cuts, modes, pushAsBuffers)).toEqual(expectation.events);
        },
      ),
      { numRuns: 400 },
    );
  });
});
