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
