// LZF decompression, for the strings the server LZF-compresses in RDB payloads
// (DUMP, FUNCTION DUMP) when rdbcompression is on. The format: a control byte
// below 32 starts a run of that many plus one literal bytes; any other is a
// back reference, its length in the top 3 bits (7 means one more length byte
// follows, added) plus 2, its distance in the low 5 bits and the next byte,
// plus 1.

/** Decompresses `input` into exactly `length` bytes, or undefined when it is not valid LZF. */
export function lzfDecompress(input: Uint8Array, length: number): Buffer | undefined {
  const out = Buffer.allocUnsafe(length);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++] as number;
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (ip + run > input.length || op + run > length) return undefined;
      out.set(input.subarray(ip, ip + run), op);
      ip += run;
      op += run;
      continue;
    }
    let run = ctrl >> 5;
    if (run === 7) {
      if (ip >= input.length) return undefined;
      run += input[ip++] as number;
    }
    if (ip >= input.length) return undefined;
    const from = op - ((ctrl & 0x1f) << 8) - 1 - (input[ip++] as number);
    run += 2;
    if (from < 0 || op + run > length) return undefined;
    // Byte by byte: a reference may overlap the bytes it produces.
    for (let i = 0; i < run; i++) out[op++] = out[from + i] as number;
  }
  return op === length ? out : undefined;
}
