// Parsers for the short lines of RESP: lengths, integers, and finding a line's
// end. Each reads digits and validates them in the same pass, and throws as
// soon as a byte cannot belong to a valid line.

import { ProtocolError } from "../errors.js";
import { CR, DIGIT_0, DIGIT_9, LF, MINUS, QUESTION } from "../resp-bytes.js";
import { parseLongInteger } from "./scalars.js";

/** Where the next item starts after a line was parsed. */
export interface LineCursor {
  cursor: number;
}

/** The line is not complete in this chunk. */
export const NEED_MORE = -3;
/** A length of -1: RESP2 null. */
export const LENGTH_NULL = -1;
/** A length of `?`: a RESP3 streamed value. */
export const LENGTH_STREAMED = -2;

/** Longest integer or length line: int64 needs 20 characters, with room to spare. */
export const MAX_NUMBER_LINE = 24;
/** Integers of up to 15 digits accumulate exactly in a float64. */
const EXACT_DIGITS = 15;

export function protocolError(message: string): ProtocolError {
  return new ProtocolError(`Protocol error: ${message}`);
}

export function lineTooLong(limit: number): ProtocolError {
  return protocolError(`line longer than ${limit} bytes`);
}

/**
 * Reads a length header: a count, -1 (null), `?` (streamed), or NEED_MORE. Sets `at.cursor` past the line.
 * Throws as soon as a byte cannot belong to a valid length.
 */
export function parseLength(buf: Buffer, start: number, end: number, at: LineCursor): number {
  let i = start;
  if (i >= end) return NEED_MORE;
  let c = buf[i] as number;
  if (c === QUESTION) {
    if (i + 1 < end && buf[i + 1] !== CR) throw invalidLength(buf, start, end);
    if (i + 2 < end && buf[i + 2] !== LF) throw protocolError("expected LF after CR");
    if (i + 2 >= end) return NEED_MORE;
    at.cursor = i + 3;
    return LENGTH_STREAMED;
  }
  const negative = c === MINUS;
  if (negative) i++;
  const digitsStart = i;
  let value = 0;
  for (; i < end; i++) {
    c = buf[i] as number;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (i - start >= MAX_NUMBER_LINE) throw lineTooLong(MAX_NUMBER_LINE);
      value = value * 10 + (c - DIGIT_0);
      continue;
    }
    if (c !== CR || i === digitsStart) throw invalidLength(buf, start, i + 1);
    if (negative && value !== 1) throw protocolError(`negative length -${value}`);
    if (i + 1 >= end) break;
    if (buf[i + 1] !== LF) throw protocolError("expected LF after CR");
    at.cursor = i + 2;
    return negative ? LENGTH_NULL : value;
  }
  return NEED_MORE;
}

function invalidLength(buf: Buffer, start: number, stop: number): ProtocolError {
  const text = buf.toString("latin1", start, Math.min(stop, start + MAX_NUMBER_LINE));
  return protocolError(`invalid length ${JSON.stringify(text)}`);
}

/** Reads an integer line; undefined when the line is not complete yet. Sets `at.cursor` past the line. */
export function parseInteger(
  buf: Buffer,
  start: number,
  end: number,
  at: LineCursor,
): number | bigint | undefined {
  let i = start;
  const negative = i < end && buf[i] === MINUS;
  if (negative) i++;
  const digitsStart = i;
  let value = 0;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (i - start >= MAX_NUMBER_LINE) throw lineTooLong(MAX_NUMBER_LINE);
      value = value * 10 + (c - DIGIT_0);
      continue;
    }
    if (c !== CR || i === digitsStart) {
      const text = buf.toString("latin1", start, Math.min(i + 1, start + MAX_NUMBER_LINE));
      throw protocolError(`invalid integer ${JSON.stringify(text)}`);
    }
    if (i + 1 >= end) break;
    if (buf[i + 1] !== LF) throw protocolError("expected LF after CR");
    at.cursor = i + 2;
    if (i - digitsStart > EXACT_DIGITS) return parseLongInteger(buf.toString("latin1", start, i));
    return negative ? 0 - value : value;
  }
  return undefined;
}

/** Index of the CR ending a line that starts at `start`, or NEED_MORE. */
export function findLineEnd(buf: Buffer, start: number, end: number, limit: number): number {
  const stop = Math.min(end, start + limit + 1);
  for (let i = start; i < stop; i++) {
    const c = buf[i] as number;
    if (c === CR) {
      if (i + 1 >= end) return NEED_MORE;
      if (buf[i + 1] !== LF) throw protocolError("expected LF after CR");
      return i;
    }
    if (c === LF) throw protocolError("LF without CR");
  }
  if (stop === start + limit + 1) throw lineTooLong(limit);
  return NEED_MORE;
}
