// RDB lengths and strings as the server writes them: a length in 6, 14, 32 or
// 64 bits by its first byte's top two bits, or (top bits 11) a special
// encoding: an 8, 16 or 32-bit integer written as its decimal text, or an
// LZF-compressed string (compressed length, then original length, then data).

import { lzfDecompress } from "./lzf.js";

/** A value read from a payload, and the offset just after it. */
export interface Read<T> {
  readonly value: T;
  readonly next: number;
}

const ENCODED = 3;
const INT8 = 0;
const INT16 = 1;
const INT32 = 2;
const LZF = 3;

/** An RDB length at `offset`, or the special encoding number (`encoded`). */
function readLength(
  bytes: Buffer,
  offset: number,
): (Read<number> & { readonly encoded: boolean }) | undefined {
  if (offset >= bytes.length) return undefined;
  const first = bytes[offset] as number;
  const kind = first >> 6;
  if (kind === 0) return { value: first & 0x3f, next: offset + 1, encoded: false };
  if (kind === 1) {
    if (offset + 2 > bytes.length) return undefined;
    return {
      value: ((first & 0x3f) << 8) | (bytes[offset + 1] as number),
      next: offset + 2,
      encoded: false,
    };
  }
  if (kind === ENCODED) return { value: first & 0x3f, next: offset + 1, encoded: true };
  if (first === 0x80) {
    if (offset + 5 > bytes.length) return undefined;
    return { value: bytes.readUInt32BE(offset + 1), next: offset + 5, encoded: false };
  }
  if (first === 0x81) {
    if (offset + 9 > bytes.length) return undefined;
    const value = bytes.readBigUInt64BE(offset + 1);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    return { value: Number(value), next: offset + 9, encoded: false };
  }
  return undefined;
}

/** An RDB length (never a special encoding), or undefined. */
export function readRdbLength(bytes: Buffer, offset: number): Read<number> | undefined {
  const read = readLength(bytes, offset);
  return read === undefined || read.encoded ? undefined : read;
}

/** An RDB string at `offset` in any of its encodings, or undefined when malformed. */
export function readRdbString(bytes: Buffer, offset: number): Read<Buffer> | undefined {
  const head = readLength(bytes, offset);
  if (head === undefined) return undefined;
  let at = head.next;
  if (!head.encoded) {
    if (at + head.value > bytes.length) return undefined;
    return { value: Buffer.from(bytes.subarray(at, at + head.value)), next: at + head.value };
  }
  const integer = (size: number, value: number): Read<Buffer> | undefined =>
    at + size > bytes.length ? undefined : { value: Buffer.from(String(value)), next: at + size };
  switch (head.value) {
    case INT8:
      return integer(1, at < bytes.length ? bytes.readInt8(at) : 0);
    case INT16:
      return integer(2, at + 2 <= bytes.length ? bytes.readInt16LE(at) : 0);
    case INT32:
      return integer(4, at + 4 <= bytes.length ? bytes.readInt32LE(at) : 0);
    case LZF: {
      const compressed = readRdbLength(bytes, at);
      if (compressed === undefined) return undefined;
      const original = readRdbLength(bytes, compressed.next);
      if (original === undefined) return undefined;
      at = original.next;
      if (at + compressed.value > bytes.length) return undefined;
      const value = lzfDecompress(bytes.subarray(at, at + compressed.value), original.value);
      return value === undefined ? undefined : { value, next: at + compressed.value };
    }
    default:
      return undefined;
  }
}

/** An RDB length in its shortest form. */
export function writeRdbLength(length: number): Buffer {
  if (length < 64) return Buffer.from([length]);
  if (length < 16384) return Buffer.from([0x40 | (length >> 8), length & 0xff]);
  if (length <= 0xffffffff) {
    const out = Buffer.alloc(5);
    out[0] = 0x80;
    out.writeUInt32BE(length, 1);
    return out;
  }
  const out = Buffer.alloc(9);
  out[0] = 0x81;
  out.writeBigUInt64BE(BigInt(length), 1);
  return out;
}

/** An RDB string, written plain (never integer-encoded or compressed: both are optional). */
export function writeRdbString(value: Buffer): Buffer[] {
  return [writeRdbLength(value.length), value];
}

/** An RDB length up to 2^64 - 1 (stream IDs and counters), as a bigint. */
export function readRdbLength64(bytes: Buffer, offset: number): Read<bigint> | undefined {
  if (bytes[offset] === 0x81) {
    if (offset + 9 > bytes.length) return undefined;
    return { value: bytes.readBigUInt64BE(offset + 1), next: offset + 9 };
  }
  const read = readRdbLength(bytes, offset);
  return read === undefined ? undefined : { value: BigInt(read.value), next: read.next };
}

/** An RDB length up to 2^64 - 1 in its shortest form. */
export function writeRdbLength64(length: bigint): Buffer {
  if (length <= 0xffffffffn) return writeRdbLength(Number(length));
  const out = Buffer.alloc(9);
  out[0] = 0x81;
  out.writeBigUInt64BE(length, 1);
  return out;
}
