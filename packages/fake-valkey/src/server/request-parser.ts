// Reads client requests the way the server does: RESP arrays of bulk strings,
// or inline commands, with the server's limits and its exact protocol-error
// texts ("invalid bulk length", "expected '$', got 'x'", …). It is separate from
// the client-side decoder because a server accepts far less than RESP allows
// and must word its refusals like Valkey.

const INLINE_MAX = 64 * 1024;
const UNAUTHENTICATED_MAX_ARGS = 10;
const UNAUTHENTICATED_MAX_BULK = 16384;
const INT_MAX = 2147483647;

export type ParsedRequest = { readonly args: Buffer[] } | { readonly protocolError: string };

export interface ParserLimits {
  /** `proto-max-bulk-len`. */
  maxBulkLength(): number;
  /** Unauthenticated connections get the server's much smaller limits. */
  authenticated(): boolean;
}

function parseInteger(text: string): number | undefined {
  if (!/^-?\d+$/.test(text) || text.length > 20) return undefined;
  return Number(text);
}

export class RequestParser {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Chunks not yet merged into `buffer`: a large argument is merged once, not once per chunk. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes (from `offset`) the incomplete request needs before parsing is worth retrying. */
  private needed = 0;

  constructor(private readonly limits: ParserLimits) {}

  feed(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  private absorb(): boolean {
    if (this.pending.length === 0) return true;
    if (this.buffer.length - this.offset + this.pendingBytes < this.needed) return false;
    const parts =
      this.offset < this.buffer.length
        ? [this.buffer.subarray(this.offset), ...this.pending]
        : this.pending;
    this.buffer = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    this.offset = 0;
    this.pending = [];
    this.pendingBytes = 0;
    this.needed = 0;
    return true;
  }

  /** The next complete request, or undefined when more bytes are needed. */
  next(): ParsedRequest | undefined {
    if (!this.absorb()) return undefined;
    for (;;) {
      if (this.offset >= this.buffer.length) return undefined;
      const result = this.buffer[this.offset] === 0x2a ? this.multibulk() : this.inline();
      if (result === undefined) return undefined;
      if ("args" in result && result.args.length === 0) continue;
      return result;
    }
  }

  private lineEnd(from: number): number {
    return this.buffer.indexOf("\r\n", from, "latin1");
  }

  private multibulk(): ParsedRequest | undefined {
    const headerEnd = this.lineEnd(this.offset);
    if (headerEnd < 0) {
      return this.buffer.length - this.offset > INLINE_MAX
        ? { protocolError: "too big mbulk count string" }
        : undefined;
    }
    const count = parseInteger(this.buffer.toString("latin1", this.offset + 1, headerEnd));
    if (count === undefined || count > INT_MAX)
      return { protocolError: "invalid multibulk length" };
    if (!this.limits.authenticated() && count > UNAUTHENTICATED_MAX_ARGS) {
      return { protocolError: "unauthenticated multibulk length" };
    }
    let position = headerEnd + 2;
    const args: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      if (position >= this.buffer.length) return undefined;
      const end = this.lineEnd(position);
      if (end < 0) {
        if (this.buffer[position] !== 0x24)
          return { protocolError: `expected '$', got '${this.charAt(position)}'` };
        return this.buffer.length - position > INLINE_MAX
          ? { protocolError: "too big bulk count string" }
          : undefined;
      }
      if (this.buffer[position] !== 0x24)
        return { protocolError: `expected '$', got '${this.charAt(position)}'` };
      const length = parseInteger(this.buffer.toString("latin1", position + 1, end));
      if (length === undefined || length < 0 || length > this.limits.maxBulkLength()) {
        return { protocolError: "invalid bulk length" };
      }
      if (!this.limits.authenticated() && length > UNAUTHENTICATED_MAX_BULK) {
        return { protocolError: "unauthenticated bulk length" };
      }
      const start = end + 2;
      if (this.buffer.length < start + length + 2) {
        this.needed = start + length + 2 - this.offset;
        return undefined;
      }
      args.push(Buffer.from(this.buffer.subarray(start, start + length)));
      position = start + length + 2;
    }
    this.offset = position;
    return { args };
  }

  private charAt(position: number): string {
    return String.fromCharCode(this.buffer[position] ?? 0);
  }

  private inline(): ParsedRequest | undefined {
    const newline = this.buffer.indexOf(0x0a, this.offset);
    if (newline < 0) {
      return this.buffer.length - this.offset > INLINE_MAX
        ? { protocolError: "too big inline request" }
        : undefined;
    }
    let lineEnd = newline;
    if (lineEnd > this.offset && this.buffer[lineEnd - 1] === 0x0d) lineEnd--;
    const line = this.buffer.subarray(this.offset, lineEnd);
    this.offset = newline + 1;
    const args = splitInlineArgs(line);
    if (args === undefined) return { protocolError: "unbalanced quotes in request" };
    return { args };
  }
}

const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, a: 7 };

function isSpace(byte: number | undefined): boolean {
  return (
    byte === 0x20 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === 0x0b ||
    byte === 0x0c
  );
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  const char = String.fromCharCode(byte);
  return /[0-9a-fA-F]/.test(char) ? Number.parseInt(char, 16) : -1;
}

/** Splits an inline command like the server's sdssplitargs; undefined on unbalanced quotes. */
export function splitInlineArgs(line: Buffer): Buffer[] | undefined {
  const args: Buffer[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSpace(line[i])) i++;
    if (i >= line.length) break;
    const bytes: number[] = [];
    const quote = line[i] === 0x22 ? 0x22 : line[i] === 0x27 ? 0x27 : 0;
    if (quote === 0) {
      while (i < line.length && !isSpace(line[i])) bytes.push(line[i++] as number);
    } else {
      i++;
      let closed = false;
      while (i < line.length) {
        const byte = line[i] as number;
        if (
          quote === 0x22 &&
          byte === 0x5c &&
          line[i + 1] === 0x78 &&
          hexValue(line[i + 2]) >= 0 &&
          hexValue(line[i + 3]) >= 0
        ) {
          bytes.push(hexValue(line[i + 2]) * 16 + hexValue(line[i + 3]));
          i += 4;
        } else if (
          byte === 0x5c &&
          i + 1 < line.length &&
          (quote === 0x22 || line[i + 1] === 0x27)
        ) {
          const next = String.fromCharCode(line[i + 1] as number);
          bytes.push(quote === 0x22 ? (escapes[next] ?? (line[i + 1] as number)) : 0x27);
          i += 2;
        } else if (byte === quote) {
          i++;
          if (i < line.length && !isSpace(line[i])) return undefined;
          closed = true;
          break;
        } else {
          bytes.push(byte);
          i++;
        }
      }
      if (!closed) return undefined;
    }
    args.push(Buffer.from(bytes));
  }
  return args;
}
