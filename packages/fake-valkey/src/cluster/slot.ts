// Key → hash slot, the way the server computes it: CRC16/XMODEM of the key's
// bytes (or of its hash tag) masked to 14 bits. The fake keeps its own
// implementation so it never shares a bug with the client it tests.

export const SLOT_COUNT = 16384;

const table: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const out = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    out[byte] = crc;
  }
  return out;
}

/** CRC16/XMODEM (poly 0x1021, init 0, no reflection). */
export function crc16(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ (table[((crc >> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc;
}

/** The slot of a key; only the first non-empty `{…}` hash tag counts. */
export function keySlot(key: Buffer | string): number {
  const bytes = typeof key === "string" ? Buffer.from(key) : key;
  const open = bytes.indexOf(0x7b);
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1);
    if (close > open + 1) return crc16(bytes, open + 1, close) & (SLOT_COUNT - 1);
  }
  return crc16(bytes) & (SLOT_COUNT - 1);
}
