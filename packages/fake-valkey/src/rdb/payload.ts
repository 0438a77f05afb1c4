// The envelope of DUMP and FUNCTION DUMP payloads: the RDB-encoded content,
// then the RDB version (2 bytes, little endian), then the CRC-64 of all of it
// (8 bytes, little endian).

import { crc64 } from "./crc64.js";

/** The RDB version the fake writes: Valkey 8's. A payload of a later version is refused. */
export const RDB_VERSION = 11;

/** Appends the version (the fake's unless told) and checksum to RDB-encoded content. */
export function sealPayload(content: Buffer, version = RDB_VERSION): Buffer {
  const out = Buffer.alloc(content.length + 10);
  content.copy(out);
  out.writeUInt16LE(version, content.length);
  out.writeBigUInt64LE(crc64(out.subarray(0, content.length + 2)), content.length + 2);
  return out;
}

/** The content of a payload whose version this server reads and whose checksum holds. */
export function openPayload(payload: Buffer): Buffer | undefined {
  if (payload.length < 10) return undefined;
  const body = payload.subarray(0, payload.length - 8);
  if (payload.readBigUInt64LE(payload.length - 8) !== crc64(body)) return undefined;
  if (body.readUInt16LE(body.length - 2) > RDB_VERSION) return undefined;
  return body.subarray(0, body.length - 2);
}

/** The same payload under another RDB version, its checksum recomputed. */
export function withRdbVersion(payload: Buffer, version: number): Buffer {
  return sealPayload(payload.subarray(0, payload.length - 10), version);
}
