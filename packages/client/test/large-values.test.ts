// Large values through the whole write and read path, on redis-server and the fake: long
// ASCII strings (written as string chunks), long non-ASCII strings, large Buffers, with
// small commands around them, many in flight, read back as strings and as bytes.
import { withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import { Decoder, GlideClient, ProtocolVersion } from "../src/index.js";
import { standaloneTargetsForSuite } from "./helpers/standalone-targets.js";

const targets = standaloneTargetsForSuite();

/** Deterministic bytes that are not ASCII, CR or LF alone: every byte value occurs. */
function binaryValue(length: number, seed: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state >>> 16;
  }
  return bytes;
}

const values: readonly (string | Buffer)[] = [
  `ascii:${"x".repeat(64 * 1024)}`,
  `${"a".repeat(16 * 1024)}`,
  `é€😀${"u".repeat(40_000)}é`,
  binaryValue(64 * 1024, 1),
  binaryValue(300_000, 2),
  "small",
  "",
];

function asBytes(value: string | Buffer): Buffer {
  return typeof value === "string" ? Buffer.from(value) : value;
}

describe.each(["redis-server", "fake"] as const)("large values on %s", (target) => {
  describe.each([
    ["RESP3", ProtocolVersion.RESP3],
    ["RESP2", ProtocolVersion.RESP2],
  ])("over %s", (protocolName, protocol) => {
    it("writes and reads them back whole, many in flight, as bytes and as strings", async () => {
      await withClosing(
        GlideClient.createClient({ addresses: targets[target](), protocol }),
        async (client) => {
          const key = (index: number) => `large:${protocolName}:${index}`;
          const rounds = 8;
          const sets = await Promise.all(
            Array.from({ length: rounds * values.length }, (_, index) =>
              client.set(key(index), values[index % values.length] as string | Buffer),
            ),
          );
          expect(sets.every((reply) => reply === "OK")).toBe(true);
          const [bytes, texts, lengths] = await Promise.all([
            Promise.all(
              Array.from({ length: rounds * values.length }, (_, index) =>
                client.get(key(index), { decoder: Decoder.Bytes }),
              ),
            ),
            Promise.all(
              Array.from({ length: values.length }, (_, index) => client.get(key(index))),
            ),
            Promise.all(
              Array.from({ length: values.length }, (_, index) => client.strlen(key(index))),
            ),
          ]);
          bytes.forEach((reply, index) => {
            const expected = asBytes(values[index % values.length] as string | Buffer);
            expect(Buffer.isBuffer(reply)).toBe(true);
            expect((reply as Buffer).equals(expected)).toBe(true);
          });
          texts.forEach((reply, index) => {
            const value = values[index] as string | Buffer;
            if (typeof value === "string") expect(reply === value).toBe(true);
          });
          expect(lengths).toEqual(values.map((value) => asBytes(value).length));
        },
      );
    });
  });
});
