// The checksum that ends DUMP and FUNCTION DUMP payloads: CRC-64/Jones as the
// server computes it (reflected, initial value 0), stored little endian.

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
