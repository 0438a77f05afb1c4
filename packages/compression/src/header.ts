// GLIDE's value header: 3 magic bytes, a format version, a backend id. A value
// is taken as compressed when it starts with the magic bytes and is at least
// a header long; GLIDE reads the backend id and does not check the version.

/** The magic prefix GLIDE writes before every compressed value. */
export const MAGIC = [0x00, 0x01, 0x02] as const;
/** The format version GLIDE writes. */
export const FORMAT_VERSION = 0x00;
/** Magic (3) + version (1) + backend id (1). */
export const HEADER_SIZE = 5;
/** GLIDE's backend ids on the wire. */
export const BACKEND_ID = { zstd: 0x01, lz4: 0x02 } as const;

/** True when `value` starts with GLIDE's header (any version, any backend id). */
export function hasHeader(value: Uint8Array): boolean {
  return (
    value.length >= HEADER_SIZE &&
    value[0] === MAGIC[0] &&
    value[1] === MAGIC[1] &&
    value[2] === MAGIC[2]
  );
}

/** The backend id of a value that has the header. */
export function backendIdOf(value: Uint8Array): number {
  return value[4] as number;
}

/** A Buffer of `HEADER_SIZE + payload.length` bytes: the header for `backendId`, then `payload`. */
export function withHeader(backendId: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER_SIZE + payload.length);
  out[0] = MAGIC[0];
  out[1] = MAGIC[1];
  out[2] = MAGIC[2];
  out[3] = FORMAT_VERSION;
  out[4] = backendId;
  out.set(payload, HEADER_SIZE);
  return out;
}
