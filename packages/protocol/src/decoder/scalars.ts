// Text-to-value conversions for the RESP scalar types whose text needs more
// than a digit loop. Each throws ProtocolError on text a server could not send.

import { ProtocolError } from "../errors.js";

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * A RESP3 double. Valkey writes `inf`, `-inf`, `nan` and `-0`; Redis before 7.2
 * could also write `-nan`, `NAN` or `nan(...)`, so any case and sign are accepted.
 */
export function parseDouble(text: string): number {
  if (DECIMAL.test(text)) return Number(text);
  const lower = text.toLowerCase();
  const unsigned =
    lower.charCodeAt(0) === 45 || lower.charCodeAt(0) === 43 ? lower.slice(1) : lower;
  if (unsigned === "inf" || unsigned === "infinity") {
    return lower.charCodeAt(0) === 45 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (unsigned.startsWith("nan")) return Number.NaN;
  throw new ProtocolError(`Protocol error: invalid double ${JSON.stringify(text)}`);
}

/** A RESP3 big number: an arbitrary-precision integer. */
export function parseBigNumber(text: string): bigint {
  if (!INTEGER_TEXT.test(text)) {
    throw new ProtocolError(`Protocol error: invalid big number ${JSON.stringify(text)}`);
  }
  return BigInt(text);
}

/** An integer reply too long for exact float accumulation: bigint beyond the safe range. */
export function parseLongInteger(text: string): number | bigint {
  const value = BigInt(text);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) {
    return Number(value);
  }
  return value;
}

/** A printable form of a type byte for error messages. */
export function describeByte(byte: number): string {
  return byte >= 32 && byte < 127
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16)}`;
}
