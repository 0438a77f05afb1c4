// Replies to RESP bytes, for servers and tests. RESP3 keeps every type; RESP2
// downgrades them the way Valkey does (map → flat array, double → bulk, …).

import { RequestError } from "../errors.js";
import type { ReplyFrame } from "../reply-frame.js";

type Piece = string | Buffer;

/** The text Valkey writes for a double (`d2string`): `inf`, `-inf`, `nan`, `-0`, shortest decimal. */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

function checkLine(kind: string, text: string): string {
  if (text.includes("\r") || text.includes("\n")) {
    throw new RequestError(`A ${kind} reply cannot contain CR or LF`);
  }
  return text;
}

function bulk(out: Piece[], value: string | Buffer): void {
  const length = typeof value === "string" ? Buffer.byteLength(value) : value.length;
  out.push(`$${length}\r\n`, value, "\r\n");
}

function entriesToFlatList(
  entries: readonly (readonly [ReplyFrame, ReplyFrame])[],
): readonly ReplyFrame[] {
  const flat: ReplyFrame[] = [];
  for (const [key, value] of entries) flat.push(key, value);
  return flat;
}

function writeFrame(out: Piece[], frame: ReplyFrame, resp: 2 | 3): void {
  switch (frame.type) {
    case "simple":
      out.push(`+${checkLine("simple string", frame.value)}\r\n`);
      return;
    case "error":
      out.push(`-${checkLine("simple error", frame.value)}\r\n`);
      return;
    case "integer":
      if (typeof frame.value === "number" && !Number.isInteger(frame.value)) {
        throw new RequestError(`An integer reply cannot hold ${frame.value}`);
      }
      out.push(`:${frame.value}\r\n`);
      return;
    case "bulk":
      if (frame.value === null) out.push(resp === 3 ? "_\r\n" : "$-1\r\n");
      else bulk(out, frame.value);
      return;
    case "array":
      if (frame.value === null) out.push(resp === 3 ? "_\r\n" : "*-1\r\n");
      else writeAggregate(out, "*", frame.value, resp);
      return;
    case "null":
      out.push(resp === 3 ? "_\r\n" : "$-1\r\n");
      return;
    case "map":
      if (resp === 3) {
        out.push(`%${frame.value.length}\r\n`);
        for (const [key, value] of frame.value) {
          writeFrame(out, key, resp);
          writeFrame(out, value, resp);
        }
      } else writeAggregate(out, "*", entriesToFlatList(frame.value), resp);
      return;
    case "set":
      writeAggregate(out, resp === 3 ? "~" : "*", frame.value, resp);
      return;
    case "push":
      writeAggregate(out, resp === 3 ? ">" : "*", frame.value, resp);
      return;
    case "double":
      if (resp === 3) out.push(`,${formatDouble(frame.value)}\r\n`);
      else bulk(out, formatDouble(frame.value));
      return;
    case "boolean":
      if (resp === 3) out.push(frame.value ? "#t\r\n" : "#f\r\n");
      else out.push(frame.value ? ":1\r\n" : ":0\r\n");
      return;
    case "bignum":
      if (resp === 3) out.push(`(${frame.value}\r\n`);
      else bulk(out, frame.value.toString());
      return;
    case "verbatim": {
      if (resp === 2) {
        bulk(out, frame.value);
        return;
      }
      if (frame.format.length !== 3 || Buffer.byteLength(frame.format) !== 3) {
        throw new RequestError(
          `A verbatim format must be 3 bytes, got ${JSON.stringify(frame.format)}`,
        );
      }
      const length =
        typeof frame.value === "string" ? Buffer.byteLength(frame.value) : frame.value.length;
      out.push(`=${length + 4}\r\n${frame.format}:`, frame.value, "\r\n");
      return;
    }
    case "bulkError":
      if (resp === 3) {
        out.push(`!${Buffer.byteLength(frame.value)}\r\n`, frame.value, "\r\n");
      } else out.push(`-${checkLine("simple error", frame.value)}\r\n`);
      return;
    case "attribute":
      if (resp === 3) {
        out.push(`|${frame.attributes.length}\r\n`);
        for (const [key, value] of frame.attributes) {
          writeFrame(out, key, resp);
          writeFrame(out, value, resp);
        }
      }
      writeFrame(out, frame.value, resp);
      return;
    case "streamedString":
      if (resp === 2) {
        bulk(out, Buffer.concat(frame.chunks.map((chunk) => Buffer.from(chunk))));
        return;
      }
      out.push("$?\r\n");
      for (const chunk of frame.chunks) {
        const length = typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
        // A zero-length chunk would end the string early.
        if (length > 0) out.push(`;${length}\r\n`, chunk, "\r\n");
      }
      out.push(";0\r\n");
      return;
    case "streamedAggregate": {
      if (resp === 2) {
        writeAggregate(out, "*", frame.value, resp);
        return;
      }
      if (frame.kind === "map" && frame.value.length % 2 !== 0) {
        throw new RequestError("A streamed map needs an even number of items");
      }
      const marker = frame.kind === "array" ? "*" : frame.kind === "set" ? "~" : "%";
      out.push(`${marker}?\r\n`);
      for (const item of frame.value) writeFrame(out, item, resp);
      out.push(".\r\n");
      return;
    }
    case "raw":
      out.push(frame.bytes);
      return;
  }
}

function writeAggregate(
  out: Piece[],
  marker: string,
  items: readonly ReplyFrame[],
  resp: 2 | 3,
): void {
  out.push(`${marker}${items.length}\r\n`);
  for (const item of items) writeFrame(out, item, resp);
}

/**
 * Encodes a reply for RESP3, or downgrades it to RESP2 like Valkey: map → flat array,
 * set → array, double → bulk string, boolean → :1/:0, big number → bulk, verbatim → bulk,
 * push → array, attribute dropped, bulk error → simple error, null → $-1 (array null → *-1).
 * Nesting is encoded recursively: this is for servers and tests, not hostile input.
 */
export function encodeReplyFrame(frame: ReplyFrame, resp: 2 | 3): Buffer {
  const out: Piece[] = [];
  writeFrame(out, frame, resp);
  return Buffer.concat(
    out.map((piece) => (typeof piece === "string" ? Buffer.from(piece) : piece)),
  );
}
