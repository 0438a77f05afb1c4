// Key → hash slot. Keys are bytes: a string key is hashed as the UTF-8 bytes
// the encoder puts on the wire, never as UTF-16 code units.
//
// Hash-tag rule (docs/cluster-protocol.md §1): find the first `{`, then the
// first `}` after it; if the text between is non-empty, hash only that, else
// hash the whole key. The tag is located here because cluster-key-slot gets one case wrong:
// when the first `{` is closed at once (`foo{}{bar}` must hash the whole key,
// it hashes `{bar`).
//
// Buffers go to cluster-key-slot (CRC16/XMODEM), with only the chosen bytes
// when there is a tag (they hold no `}`, so it cannot find another tag).
// ASCII strings, the common case, are hashed in place by the table below so
// the hot path allocates nothing (the library copies a string into an array
// first); any other string is encoded to UTF-8 and hashed as bytes.
import type { GlideString } from "@petrel/protocol";
import crc16Slot from "cluster-key-slot";

/** Number of hash slots in a cluster. */
export const SLOT_COUNT = 16384;

const SLOT_MASK = SLOT_COUNT - 1;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const NOT_ASCII = -1;

/** CRC16/XMODEM (polynomial 0x1021, initial value 0) of each byte value. */
const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

/** The hash slot of a key, as the server computes it (CRC16 of the key or its hash tag, mod 16384). */
export function slotOf(key: GlideString | number): number {
  if (typeof key === "string") return slotOfString(key);
  if (typeof key === "number") return slotOfString(String(key));
  return slotOfBytes(key);
}

function slotOfString(key: string): number {
  let start = 0;
  let end = key.length;
  const open = key.indexOf("{");
  if (open !== -1) {
    const close = key.indexOf("}", open + 1);
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  // Outside ASCII the UTF-16 units are not the bytes (and lone surrogates go
  // on the wire as U+FFFD): hash the encoded bytes instead.
  const slot = asciiSlot(key, start, end);
  return slot === NOT_ASCII ? slotOfBytes(Buffer.from(key, "utf8")) : slot;
}

function asciiSlot(text: string, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return NOT_ASCII;
    crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ code) & 0xff] as number);
  }
  return crc & SLOT_MASK;
}

function slotOfBytes(key: Buffer): number {
  const open = key.indexOf(OPEN_BRACE);
  if (open === -1) return crc16Slot(key);
  const close = key.indexOf(CLOSE_BRACE, open + 1);
  if (close === -1) return crc16Slot(key);
  if (close === open + 1) return wholeKeySlot(key);
  return crc16Slot(key.subarray(open + 1, close));
}

/** CRC16 of every byte, with no hash-tag rule: for keys whose first `{}` pair is empty. */
function wholeKeySlot(key: Buffer): number {
  let crc = 0;
  for (let i = 0; i < key.length; i++) {
    crc = ((crc << 8) & 0xffff) ^ (CRC_TABLE[((crc >> 8) ^ (key[i] as number)) & 0xff] as number);
  }
  return crc & SLOT_MASK;
}
