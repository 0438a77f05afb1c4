// Property: whatever bytes arrive, feed() never throws, reports at most one
// ProtocolError, and holds no more than the bytes it was given.

import fc from "fast-check";
import { expect, test } from "vitest";
import { encodeReplyFrame } from "../encoder/reply-frame-encoder.js";
import { ProtocolError } from "../errors.js";
import { collector } from "../test-support/collect.js";

const sampleReplies = Buffer.concat(
  [
    {
      type: "map",
      value: [
        [
          { type: "simple", value: "k" },
          { type: "double", value: 1.5 },
        ],
      ],
    },
    {
      type: "array",
      value: [
        { type: "bulk", value: "abc" },
        { type: "integer", value: -7 },
      ],
    },
    {
      type: "push",
      value: [
        { type: "bignum", value: 12n },
        { type: "boolean", value: true },
      ],
    },
    { type: "streamedString", chunks: ["ab", "c"] },
    { type: "verbatim", format: "txt", value: "hello" },
    { type: "attribute", attributes: [], value: { type: "null" } },
  ].map((frame) => encodeReplyFrame(frame as Parameters<typeof encodeReplyFrame>[0], 3)),
);

const mutated = fc
  .array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 })
  .map((edits) => {
    const bytes = Buffer.from(sampleReplies);
    for (const { at, byte } of edits) bytes[at % bytes.length] = byte;
    return bytes;
  });

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array)),
  fc
    .array(fc.constantFrom(..."$*%~>|=!;.:+-_,#(?0123456789\r\n-tfx".split("")), { maxLength: 80 })
    .map((chars) => Buffer.from(chars.join(""))),
  mutated,
);

test("arbitrary input never escapes feed() and fails at most once", () => {
  fc.assert(
    fc.property(anyBytes, fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
      const { decoder, events } = collector({ maxDepth: 8 });
      let start = 0;
      for (const cut of [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
        (a, b) => a - b,
      )) {
        decoder.feed(bytes.subarray(start, cut));
        start = cut;
      }
      decoder.feed(bytes.subarray(start));
      const errors = events.filter((event) => event.kind === "error");
      expect(errors.length).toBeLessThanOrEqual(1);
      if (errors.length === 1) {
        expect(events.at(-1)?.kind).toBe("error");
        expect((errors[0] as { error: unknown }).error).toBeInstanceOf(ProtocolError);
        expect(decoder.bufferedBytes).toBe(0);
      }
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(bytes.length);
    }),
    { numRuns: 3000 },
  );
});
