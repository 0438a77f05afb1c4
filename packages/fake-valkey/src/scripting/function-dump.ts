// FUNCTION DUMP's payload and FUNCTION RESTORE's reading of it, in the
// server's format: per library the RDB function opcode and the code as an RDB
// string, in the payload envelope (src/rdb/payload.ts). Strings are written
// uncompressed; the server LZF-compresses long ones, and the reader takes
// every RDB string encoding.

import { openPayload, sealPayload } from "../rdb/payload.js";
import { readRdbString, writeRdbString } from "../rdb/string.js";

const FUNCTION_OPCODE = 0xf5;

/** The payload FUNCTION DUMP returns for these library codes. */
export function dumpFunctions(codes: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const code of codes) parts.push(Buffer.from([FUNCTION_OPCODE]), ...writeRdbString(code));
  return sealPayload(Buffer.concat(parts));
}

/** The library codes of a payload, or undefined when it is not one this server reads. */
export function readFunctionDump(payload: Buffer): Buffer[] | undefined {
  const body = openPayload(payload);
  if (body === undefined) return undefined;
  const codes: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (body[offset] !== FUNCTION_OPCODE) return undefined;
    const code = readRdbString(body, offset + 1);
    if (code === undefined) return undefined;
    codes.push(code.value);
    offset = code.next;
  }
  return codes;
}
