// The minimal RESP2 exchange the tooling needs for readiness and admin commands.
// Petrel's real codec lives in @petrel/protocol; this one only has to read the
// replies of PING, INFO, CLUSTER *, ACL and CONFIG, so it stays small and strict.
import { ServerReplyError } from "../util/errors.js";

export type AdminReply = string | number | null | AdminReply[] | ServerReplyError;

export function encodeCommand(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, "utf8");
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/** Where the next parse starts; `undefined` result means "need more bytes". */
interface Parsed {
  value: AdminReply;
  next: number;
}

function readLine(buffer: Buffer, start: number): { line: string; next: number } | undefined {
  const end = buffer.indexOf("\r\n", start);
  if (end === -1) return undefined;
  return { line: buffer.toString("utf8", start, end), next: end + 2 };
}

function parseAt(buffer: Buffer, start: number): Parsed | undefined {
  if (start >= buffer.length) return undefined;
  const type = String.fromCharCode(buffer[start]!);
  const header = readLine(buffer, start + 1);
  if (header === undefined) return undefined;
  switch (type) {
    case "+":
      return { value: header.line, next: header.next };
    case "-":
      return { value: new ServerReplyError(header.line), next: header.next };
    case ":":
      return { value: Number(header.line), next: header.next };
    case "$": {
      const length = Number(header.line);
      if (length < 0) return { value: null, next: header.next };
      const end = header.next + length;
      if (buffer.length < end + 2) return undefined;
      return { value: buffer.toString("utf8", header.next, end), next: end + 2 };
    }
    case "*": {
      const count = Number(header.line);
      if (count < 0) return { value: null, next: header.next };
      const items: AdminReply[] = [];
      let cursor = header.next;
      for (let i = 0; i < count; i++) {
        const item = parseAt(buffer, cursor);
        if (item === undefined) return undefined;
        items.push(item.value);
        cursor = item.next;
      }
      return { value: items, next: cursor };
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

/** Accumulates bytes and yields every complete reply. */
export class ReplyReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): AdminReply[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const replies: AdminReply[] = [];
    let cursor = 0;
    for (;;) {
      const parsed = parseAt(this.pending, cursor);
      if (parsed === undefined) break;
      replies.push(parsed.value);
      cursor = parsed.next;
    }
    this.pending = this.pending.subarray(cursor);
    return replies;
  }
}
