// The RESP2 inputs every benchmark uses: the same bytes for petrel and redis-parser.

const CHUNK = 64 * 1024;

export interface Workload {
  name: string;
  wire: Buffer;
  replies: number;
}

function workload(
  name: string,
  reply: (index: number) => string | Buffer,
  replies: number,
): Workload {
  const parts: Buffer[] = [];
  for (let i = 0; i < replies; i++) {
    const part = reply(i);
    parts.push(typeof part === "string" ? Buffer.from(part) : part);
  }
  return { name, wire: Buffer.concat(parts), replies };
}

function bulk(value: string): string {
  return `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
}

const value64k = Buffer.alloc(64 * 1024, 0x78);
export const workloads: Workload[] = [
  workload("small bulk replies", (i) => bulk(`value:${i % 1000}`), 20_000),
  workload(
    "arrays of 100 bulk strings",
    (i) => {
      let text = "*100\r\n";
      for (let j = 0; j < 100; j++) text += bulk(`member:${i}:${j}`);
      return text;
    },
    200,
  ),
  workload(
    "64 KiB values",
    () => Buffer.concat([Buffer.from(`$${value64k.length}\r\n`), value64k, Buffer.from("\r\n")]),
    64,
  ),
];

export function chunksOf(wire: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start < wire.length; start += CHUNK)
    chunks.push(wire.subarray(start, start + CHUNK));
  return chunks;
}
