// The content size a zstd frame header declares, read without decoding, so that a
// value claiming more than the limit is refused before any work. GLIDE's own frames
// (streamed by the Rust encoder) declare none; other writers' usually do.
// Format: RFC 8878, section 3.1.1.1.

const ZSTD_MAGIC = 0xfd2fb528;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;

/** The declared content size of the first frame, or undefined when the header has none. */
export function zstdContentSize(payload: Uint8Array): number | undefined {
  if (payload.length < 6) return undefined;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  if (view.getUint32(0, true) !== ZSTD_MAGIC) return undefined;
  const descriptor = payload[4] as number;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
  if (fcsBytes === 0) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + (DICT_ID_BYTES[descriptor & 3] as number);
  if (payload.length < at + fcsBytes) return undefined;
  switch (fcsBytes) {
    case 1:
      return view.getUint8(at);
    case 2:
      return view.getUint16(at, true) + 256;
    case 4:
      return view.getUint32(at, true);
    default:
      return Number(view.getBigUint64(at, true));
  }
}

/** Skippable frames: magic 0x184D2A50 to 0x184D2A5F, a 4-byte size, then that many bytes. */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

/**
 * Whether `payload` is whole frames, walked by their block headers without decoding:
 * Node's zlib returns an empty result for a truncated frame instead of failing, so its
 * path checks this first. Format: RFC 8878, sections 3.1.1 and 3.1.1.2.
 */
export function zstdFramesComplete(payload: Uint8Array): boolean {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let at = 0;
  while (at < payload.length) {
    if (at + 4 > payload.length) return false;
    const magic = view.getUint32(at, true);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (at + 8 > payload.length) return false;
      at += 8 + view.getUint32(at + 4, true);
      continue;
    }
    if (magic !== ZSTD_MAGIC || at + 5 > payload.length) return false;
    const descriptor = payload[at + 4] as number;
    const fcsFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
    at += 5 + (singleSegment ? 0 : 1) + (DICT_ID_BYTES[descriptor & 3] as number) + fcsBytes;
    let last = false;
    while (!last) {
      if (at + 3 > payload.length) return false;
      const header =
        view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getUint8(at + 2) << 16);
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      if (type === 3) return false;
      at += 3 + (type === 1 ? 1 : header >>> 3);
    }
    if ((descriptor >> 2) & 1) at += 4;
  }
  return at === payload.length;
}
