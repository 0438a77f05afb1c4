// Test helper: feeds bytes to a RespDecoder in chosen chunks and records what
// comes out, in order, so tests can compare whole sessions.

import type { DecoderOptions } from "../decoder/decoder-options.js";
import { RespDecoder } from "../decoder/resp-decoder.js";
import type { ProtocolError } from "../errors.js";
import type { RespMap, RespValue } from "../types.js";

export type DecodedEvent =
  | { kind: "reply"; value: RespValue }
  | { kind: "push"; value: RespValue[] }
  | { kind: "attribute"; value: RespMap }
  | { kind: "error"; error: ProtocolError };

export interface CollectOptions extends DecoderOptions {
  replyAsBuffers?: boolean;
}

export interface Collector {
  decoder: RespDecoder;
  events: DecodedEvent[];
}

export function collector(options: CollectOptions = {}): Collector {
  const events: DecodedEvent[] = [];
  const decoder = new RespDecoder(
    {
      onReply: (value) => events.push({ kind: "reply", value }),
      onPush: (value) => events.push({ kind: "push", value }),
      onAttribute: (value) => events.push({ kind: "attribute", value }),
      onError: (error) => events.push({ kind: "error", error }),
      replyAsBuffers: () => options.replyAsBuffers === true,
    },
    options,
  );
  return { decoder, events };
}

/** Decodes `bytes` cut at the given offsets (ascending, each inside the input). */
export function decodeSplit(
  bytes: Buffer,
  cuts: readonly number[],
  options: CollectOptions = {},
): DecodedEvent[] {
  const { decoder, events } = collector(options);
  let start = 0;
  for (const cut of cuts) {
    // A fresh copy per chunk: the decoder must not rely on chunks being views of one buffer.
    decoder.feed(Buffer.from(bytes.subarray(start, cut)));
    start = cut;
  }
  decoder.feed(Buffer.from(bytes.subarray(start)));
  return events;
}

export function decodeWhole(bytes: Buffer, options: CollectOptions = {}): DecodedEvent[] {
  return decodeSplit(bytes, [], options);
}

export function decodeBytewise(bytes: Buffer, options: CollectOptions = {}): DecodedEvent[] {
  const cuts: number[] = [];
  for (let i = 1; i < bytes.length; i++) cuts.push(i);
  return decodeSplit(bytes, cuts, options);
}
