// Listpacks, the compact encoding the server dumps small hashes, sorted sets,
// list nodes and stream nodes in: a 6-byte header (total bytes, element count),
// entries, and 0xFF. Each entry is an encoding byte (a small integer, a string
// length, or the width of a larger integer), its data, and a back-length.

import { parseInt64 } from "../data/float.js";

/** The elements of a listpack, integers as their decimal text; undefined when malformed. */
export function readListpack(bytes: Buffer): Buffer[] | undefined {
  if (bytes.length < 7 || bytes.readUInt32LE(0) !== bytes.length) return undefined;
  const out: Buffer[] = [];
  let at = 6;
  for (;;) {
    if (at >= bytes.length) return undefined;
    const b = bytes[at] as number;
    if (b === 0xff) break;
    let size: number;
    let value: Buffer;
    const need = (n: number) => at + n <= bytes.length;
    if ((b & 0x80) === 0) {
      size = 1;
      value = Buffer.from(String(b & 0x7f));
    } else if ((b & 0xc0) === 0x80) {
      const length = b & 0x3f;
      size = 1 + length;
      if (!need(size)) return undefined;
      value = Buffer.from(bytes.subarray(at + 1, at + size));
    } else if ((b & 0xe0) === 0xc0) {
      if (!need(2)) return undefined;
      const raw = ((b & 0x1f) << 8) | (bytes[at + 1] as number);
      size = 2;
      value = Buffer.from(String(raw >= 4096 ? raw - 8192 : raw));
    } else if ((b & 0xf0) === 0xe0) {
      if (!need(2)) return undefined;
      const length = ((b & 0x0f) << 8) | (bytes[at + 1] as number);
      size = 2 + length;
      if (!need(size)) return undefined;
      value = Buffer.from(bytes.subarray(at + 2, at + size));
    } else if (b === 0xf0) {
      if (!need(5)) return undefined;
      const length = bytes.readUInt32LE(at + 1);
      size = 5 + length;
      if (!need(size)) return undefined;
      value = Buffer.from(bytes.subarray(at + 5, at + size));
    } else if (b >= 0xf1 && b <= 0xf4) {
      const width = [2, 3, 4, 8][b - 0xf1] as number;
      size = 1 + width;
      if (!need(size)) return undefined;
      const number =
        width === 8 ? bytes.readBigInt64LE(at + 1) : BigInt(bytes.readIntLE(at + 1, width));
      value = Buffer.from(String(number));
    } else return undefined;
    at += size + backLengthSize(size);
    out.push(value);
  }
  const count = bytes.readUInt16LE(4);
  return count === 0xffff || count === out.length ? out : undefined;
}

/** How many bytes the back-length of an entry of `size` bytes takes (the server's lpEncodeBacklen). */
function backLengthSize(size: number): number {
  if (size <= 127) return 1;
  if (size < 16383) return 2;
  if (size < 2097151) return 3;
  if (size < 268435455) return 4;
  return 5;
}

/** An element to write: bytes (stored as an integer when they are one, as the server does) or an integer. */
export type ListpackItem = Buffer | bigint;

const INT_WIDTHS: readonly (readonly [bigint, number, number])[] = [
  [2n ** 15n, 2, 0xf1],
  [2n ** 23n, 3, 0xf2],
  [2n ** 31n, 4, 0xf3],
];

/** An element's encoding and data, without its back-length. */
function encodeItem(item: ListpackItem): Buffer {
  const integer = typeof item === "bigint" ? item : parseInt64(item);
  if (integer !== undefined) {
    if (integer >= 0n && integer <= 127n) return Buffer.from([Number(integer)]);
    if (integer >= -4096n && integer <= 4095n) {
      const raw = Number(integer) & 0x1fff;
      return Buffer.from([0xc0 | (raw >> 8), raw & 0xff]);
    }
    for (const [limit, width, code] of INT_WIDTHS) {
      if (integer < -limit || integer >= limit) continue;
      const out = Buffer.alloc(1 + width);
      out[0] = code;
      out.writeIntLE(Number(integer), 1, width);
      return out;
    }
    const out = Buffer.alloc(9);
    out[0] = 0xf4;
    out.writeBigInt64LE(BigInt.asIntN(64, integer), 1);
    return out;
  }
  const bytes = item as Buffer;
  let head: Buffer;
  if (bytes.length < 64) head = Buffer.from([0x80 | bytes.length]);
  else if (bytes.length < 4096)
    head = Buffer.from([0xe0 | (bytes.length >> 8), bytes.length & 0xff]);
  else {
    head = Buffer.alloc(5);
    head[0] = 0xf0;
    head.writeUInt32LE(bytes.length, 1);
  }
  return Buffer.concat([head, bytes]);
}

/** The back-length of an entry of `size` bytes: 7 bits a byte, most significant first. */
function backLength(size: number): Buffer {
  const count = backLengthSize(size);
  const out = Buffer.alloc(count);
  for (let i = 0; i < count; i++) {
    const shift = 7 * (count - 1 - i);
    out[i] = (Math.floor(size / 2 ** shift) & 127) | (i === 0 ? 0 : 128);
  }
  return out;
}

/** A listpack of these elements. */
export function writeListpack(items: readonly ListpackItem[]): Buffer {
  const parts: Buffer[] = [Buffer.alloc(6)];
  for (const item of items) {
    const encoded = encodeItem(item);
    parts.push(encoded, backLength(encoded.length));
  }
  parts.push(Buffer.from([0xff]));
  const out = Buffer.concat(parts);
  out.writeUInt32LE(out.length, 0);
  out.writeUInt16LE(Math.min(items.length, 0xffff), 4);
  return out;
}
