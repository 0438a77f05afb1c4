// FUNCTION DUMP's payload and FUNCTION RESTORE's reading of it, in the
// server's format: per library the RDB function opcode and the code as an RDB
// string, then the RDB version (2 bytes) and a CRC64 (Jones) of all before it
// (8 bytes, little endian). Strings are written uncompressed; the server
// LZF-compresses long ones, and the reader takes every RDB string encoding.

import { readRdbString } from "../rdb/string.js";

const FUNCTION_OPCODE = 0xf5;
const RDB_VERSION = 11;

let table: BigUint64Array | undefined;

function crcTable(): BigUint64Array {
  if (table !== undefined) return table;
  table = new BigUint64Array(256);
  const poly = 0x95ac9329ac4bc9b5n;
  for (let i = 0; i < 256; i++) {
    let crc = BigInt(i);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
    table[i] = crc;
  }
  return table;
}

/** CRC-64/Jones as the server computes it (reflected, initial value 0). */
export function crc64(bytes: Uint8Array): bigint {
  const lookup = crcTable();
  let crc = 0n;
  for (const byte of bytes)
    crc = (lookup[Number((crc ^ BigInt(byte)) & 0xffn)] as bigint) ^ (crc >> 8n);
  return crc;
}

function rdbLength(length: number): Buffer {
  if (length < 64) return Buffer.from([length]);
  if (length < 16384) return Buffer.from([0x40 | (length >> 8), length & 0xff]);
  const out = Buffer.alloc(5);
  out[0] = 0x80;
  out.writeUInt32BE(length, 1);
  return out;
}

/** The payload FUNCTION DUMP returns for these library codes. */
export function dumpFunctions(codes: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const code of codes)
    parts.push(Buffer.from([FUNCTION_OPCODE]), rdbLength(code.length), code);
  parts.push(Buffer.from([RDB_VERSION & 0xff, RDB_VERSION >> 8]));
  const body = Buffer.concat(parts);
  const crc = Buffer.alloc(8);
  crc.writeBigUInt64LE(crc64(body));
  return Buffer.concat([body, crc]);
}

/** The library codes of a payload, or undefined when it is not one this server reads. */
export function readFunctionDump(payload: Buffer): Buffer[] | undefined {
  if (payload.length < 10) return undefined;
  const body = payload.subarray(0, payload.length - 8);
  if (payload.readBigUInt64LE(payload.length - 8) !== crc64(body)) return undefined;
  const version = body.readUInt16LE(body.length - 2);
  if (version > RDB_VERSION) return undefined;
  const codes: Buffer[] = [];
  let offset = 0;
  const end = body.length - 2;
  while (offset < end) {
    if (body[offset] !== FUNCTION_OPCODE) return undefined;
    const code = readRdbString(body, offset + 1);
    if (code === undefined || code.next > end) return undefined;
    codes.push(code.value);
    offset = code.next;
  }
  return codes;
}
