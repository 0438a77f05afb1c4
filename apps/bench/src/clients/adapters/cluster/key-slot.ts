// Cluster key slots (CRC16-CCITT of the key or its {hash tag}, mod 16384), so
// adapters of libraries that reject cross-slot MGET can split it per slot, as
// Petrel and GLIDE do internally: the server then does the same work for all.

const crcTable = buildCrcTable();

function buildCrcTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    table[byte] = crc;
  }
  return table;
}

export function keySlot(key: string): number {
  let hashed = key;
  const open = key.indexOf("{");
  if (open !== -1) {
    const close = key.indexOf("}", open + 1);
    if (close > open + 1) hashed = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc = ((crc << 8) & 0xffff) ^ (crcTable[((crc >> 8) ^ byte) & 0xff] as number);
  }
  return crc % 16384;
}

/** Runs one MGET per slot, concurrently, and puts the values back in the keys' order. */
export async function mgetBySlot(
  keys: readonly string[],
  mgetOneSlot: (keys: string[]) => Promise<readonly unknown[]>,
): Promise<unknown[]> {
  const groups = new Map<number, number[]>();
  keys.forEach((key, index) => {
    const slot = keySlot(key);
    const group = groups.get(slot);
    if (group) group.push(index);
    else groups.set(slot, [index]);
  });
  const values: unknown[] = new Array(keys.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const replies = await mgetOneSlot(indexes.map((index) => keys[index] as string));
      indexes.forEach((index, position) => {
        values[index] = replies[position];
      });
    }),
  );
  return values;
}
