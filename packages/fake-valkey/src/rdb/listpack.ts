// Reading a listpack, the compact encoding the server dumps small hashes,
// sorted sets and list nodes in: a 6-byte header (total bytes, element count),
// entries, and 0xFF. Each entry is an encoding byte (a small integer, a string
// length, or the width of a larger integer), its data, and a back-length.

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

/** How many bytes the back-length of an entry of `size` bytes takes. */
function backLengthSize(size: number): number {
  if (size < 128) return 1;
  if (size < 16384) return 2;
  if (size < 2097152) return 3;
  if (size < 268435456) return 4;
  return 5;
}
